using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Bayan.Cluster;

/// <summary>
/// Several instances of the site as one: with ConnectionStrings:Redis set, the page cache lives in Redis (a page rendered
/// by one instance is served by all, and a publication empties it for all), and each change is announced on a Redis
/// channel so every instance drops what it keeps in memory (<see cref="ChangeBroadcast"/>). Without Redis, nothing
/// changes: one instance, its cache in memory.
/// </summary>
public static class ClusterFeature
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connection))
        {
            services.AddSingleton(new ChangeBroadcast(null, null));
            return services;
        }

        // Not AbortOnConnectFail: the site starts, and serves, while Redis is down, and connects when it comes back.
        var options = ConfigurationOptions.Parse(connection);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.ClientName ??= $"bayan-{Environment.MachineName}-{Environment.ProcessId}";
        var redis = ConnectionMultiplexer.Connect(options);
        services.AddSingleton<IConnectionMultiplexer>(redis);
        services.AddHostedService(provider => new RedisConnectionLog(redis, provider.GetRequiredService<ILogger<RedisConnectionLog>>()));

        // The page cache: Redis first, this process's memory while Redis cannot answer.
        var inMemory = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.AddStackExchangeRedisOutputCache(cache =>
        {
            cache.InstanceName = "bayan:";
            cache.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis);
        });
        var inRedis = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.RemoveAll<IOutputCacheStore>();
        var pageLifetime = TimeSpan.FromSeconds(configuration.GetValue($"{Shared.SiteOptions.Section}:CacheSeconds", 60));
        services.AddSingleton<IOutputCacheStore>(provider => new SharedOutputCacheStore(
            redis, Create(inRedis, provider), Create(inMemory, provider), pageLifetime, provider.GetRequiredService<ILogger<SharedOutputCacheStore>>()));
        services.AddSingleton(provider => new ChangeBroadcast(redis, provider));
        services.AddHostedService(provider => provider.GetRequiredService<ChangeBroadcast>());
        return services;
    }

    /// <summary>
    /// Says why Redis cannot be used (a wrong password, an unknown host, a refused connection) rather than only that it
    /// cannot, and when it is back: a misconfigured Redis would otherwise look like one that is down.
    /// </summary>
    private sealed class RedisConnectionLog(IConnectionMultiplexer redis, ILogger<RedisConnectionLog> log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            redis.ConnectionFailed += Failed;
            redis.ConnectionRestored += Restored;
            if (!redis.IsConnected)
            {
                log.LogWarning("Redis is not reachable at start ({Status}); the site serves without it and connects when it can", redis.GetStatus());
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            redis.ConnectionFailed -= Failed;
            redis.ConnectionRestored -= Restored;
            return Task.CompletedTask;
        }

        private void Failed(object? sender, ConnectionFailedEventArgs e) =>
            log.LogWarning(e.Exception, "Redis connection to {EndPoint} failed: {FailureType}", e.EndPoint, e.FailureType);

        private void Restored(object? sender, ConnectionFailedEventArgs e) =>
            log.LogInformation("Redis connection to {EndPoint} restored", e.EndPoint);
    }

    private static IOutputCacheStore Create(ServiceDescriptor descriptor, IServiceProvider provider) => (IOutputCacheStore)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
