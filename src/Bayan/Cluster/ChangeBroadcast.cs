using Bayan.Shared;
using StackExchange.Redis;

namespace Bayan.Cluster;

/// <summary>
/// Tells the other instances of the site that something changed, over a Redis channel, so each drops what it keeps in
/// memory (the catalog, search's facts, listings' page starts) at once rather than within the minute those last. Pages
/// need no message: they are cached in Redis, and the change emptied them there. Without Redis it does nothing.
/// </summary>
public sealed class ChangeBroadcast(IConnectionMultiplexer? redis, IServiceProvider? services) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("bayan:changes");
    private readonly string instance = Guid.NewGuid().ToString("N");

    public Task StatementSavedAsync(int statementId) => PublishAsync(FormattableString.Invariant($"statement {statementId}"));

    public Task SiteSavedAsync() => PublishAsync("site");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Fire and forget: the subscription is kept by the connection and made again whenever it reconnects, so an
        // instance started while Redis is down hears changes once Redis is back.
        redis?.GetSubscriber().Subscribe(Channel, (channel, message) => { _ = ApplyAsync(message); }, CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PublishAsync(string change)
    {
        if (redis is null)
        {
            return;
        }

        if (!redis.IsConnected)
        {
            // Not queued to wait for Redis: the editor who published is not kept waiting, and what the others keep expires within a minute.
            Log()?.LogWarning("Redis is not reachable: other instances see this change ({Change}) within a minute", change);
            return;
        }

        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, $"{instance} {change}");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Log()?.LogWarning(exception, "Could not tell the other instances about a change ({Change}); they see it within a minute", change);
        }
    }

    private async Task ApplyAsync(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split(' ');
        if (parts.Length < 2 || parts[0] == instance || services is null)
        {
            return;
        }

        try
        {
            var changes = services.GetRequiredService<ContentChanges>();
            if (parts[1] == "statement" && parts.Length == 3 && int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                await changes.StatementChangedElsewhereAsync(id);
            }
            else if (parts[1] == "site")
            {
                await changes.SiteChangedElsewhereAsync();
            }
        }
        catch (Exception exception)
        {
            // A message handler has no caller to tell: the caches expire within a minute anyway.
            Log()?.LogError(exception, "Could not apply a change made by another instance");
        }
    }

    private ILogger? Log() => services?.GetService<ILogger<ChangeBroadcast>>();
}
