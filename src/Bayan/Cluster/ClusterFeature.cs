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
        options.ClientName ??= $"bayan-{Environment.MachineName}-{Environment.ProcessId}";
        var redis = ConnectionMultiplexer.Connect(options);
        services.AddSingleton<IConnectionMultiplexer>(redis);

        // The page cache: Redis first, this process's memory while Redis cannot answer.
        var inMemory = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.AddStackExchangeRedisOutputCache(cache =>
        {
            cache.InstanceName = "bayan:";
            cache.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis);
        });
        var inRedis = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(provider => new SharedOutputCacheStore(
            redis, Create(inRedis, provider), Create(inMemory, provider), provider.GetRequiredService<ILogger<SharedOutputCacheStore>>()));
        services.AddSingleton(provider => new ChangeBroadcast(redis, provider));
        services.AddHostedService(provider => provider.GetRequiredService<ChangeBroadcast>());
        return services;
    }

    private static IOutputCacheStore Create(ServiceDescriptor descriptor, IServiceProvider provider) => (IOutputCacheStore)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
