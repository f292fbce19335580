using Bayan.Shared;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace Bayan.Cluster;

/// <summary>
/// The page cache of several instances: shared in Redis, with a copy of each page this instance served kept in its own
/// memory for a few seconds, so a statement everyone is reading costs a memory read, not a trip to Redis. Every change is
/// announced to every instance, which empties both (<see cref="ChangeBroadcast"/>); a lost announcement leaves a copy
/// outdated for <see cref="NearLifetime"/> at most. While Redis cannot answer, memory is the cache, and a reader never
/// waits for, or gets an error from, Redis; when it answers again its pages are emptied first — publications made
/// meanwhile could not empty them — and then it is used again. A copy never outlives how long pages are cached at all
/// (Bayan:CacheSeconds, <c>pageLifetime</c>).
/// </summary>
public sealed class SharedOutputCacheStore(
    IConnectionMultiplexer redis, IOutputCacheStore inRedis, IOutputCacheStore inMemory, TimeSpan pageLifetime, ILogger<SharedOutputCacheStore> log)
    : IOutputCacheStore
{
    public static readonly TimeSpan NearLifetime = TimeSpan.FromSeconds(10);

    private readonly TimeSpan copyLifetime = pageLifetime < NearLifetime ? pageLifetime : NearLifetime;

    /// <summary>Bayan tags every cached page with this one tag; copies made from Redis (which gives no tags back) carry it too.</summary>
    private static readonly string[] PageTags = [ContentChanges.PagesTag];

    private int down;

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await inMemory.EvictByTagAsync(tag, cancellationToken);
        if (await RedisUsableAsync())
        {
            try
            {
                await inRedis.EvictByTagAsync(tag, cancellationToken);
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                MarkDown(exception);
            }
            catch (RedisServerException exception)
            {
                log.LogWarning(exception, "Redis refused to empty the cached pages");
            }

            // Again: a reader may have copied a page from Redis into memory while Redis was being emptied.
            await inMemory.EvictByTagAsync(tag, cancellationToken);
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (await inMemory.GetAsync(key, cancellationToken) is { } near)
        {
            return near;
        }

        if (await RedisUsableAsync())
        {
            try
            {
                var shared = await inRedis.GetAsync(key, cancellationToken);
                if (shared is not null)
                {
                    await inMemory.SetAsync(key, shared, PageTags, copyLifetime, cancellationToken);
                }

                return shared;
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                MarkDown(exception);
            }
            catch (RedisServerException)
            {
                // Redis answered, with an error for this one command (out of memory, say): a miss, not an outage.
            }
        }

        return null;
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        await inMemory.SetAsync(key, value, tags, validFor < NearLifetime ? validFor : NearLifetime, cancellationToken);
        if (await RedisUsableAsync())
        {
            try
            {
                await inRedis.SetAsync(key, value, tags, validFor, cancellationToken);
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                MarkDown(exception);
            }
            catch (RedisServerException exception)
            {
                // Not stored (out of memory, say): the page is in this instance's memory, and Redis is not marked down,
                // which would empty it when it "came back". Give Redis a maxmemory and an eviction policy (docs/operations.md).
                log.LogDebug(exception, "Redis did not store a page");
            }
        }
    }

    private async ValueTask<bool> RedisUsableAsync()
    {
        if (!redis.IsConnected)
        {
            MarkDown(null);
            return false;
        }

        if (Volatile.Read(ref down) == 0)
        {
            return true;
        }

        try
        {
            await inRedis.EvictByTagAsync(ContentChanges.PagesTag, CancellationToken.None);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            return false;
        }

        if (Interlocked.Exchange(ref down, 0) == 1)
        {
            log.LogInformation("Redis answers again: its cached pages were emptied, and pages are cached there again");
        }

        return true;
    }

    private void MarkDown(Exception? exception)
    {
        if (Interlocked.Exchange(ref down, 1) == 0)
        {
            log.LogWarning(exception, "Redis cannot answer: pages are cached in this instance's memory until it can");
        }
    }

    /// <summary>Redis could not be reached or did not answer in time; a command Redis refused is not that.</summary>
    private static bool IsRedisFailure(Exception exception) =>
        exception is RedisConnectionException or TimeoutException or ObjectDisposedException || exception is RedisException and not RedisServerException;
}
