using Bayan.Shared;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace Bayan.Cluster;

/// <summary>
/// The page cache in Redis, and in this process's memory while Redis cannot answer: a reader never waits for, or gets an
/// error from, a cache that is down. When Redis answers again its pages are emptied first — publications made meanwhile
/// could not empty them — and then it is used again.
/// </summary>
public sealed class FallbackOutputCacheStore(IConnectionMultiplexer redis, IOutputCacheStore inRedis, IOutputCacheStore inMemory, ILogger<FallbackOutputCacheStore> log)
    : IOutputCacheStore
{
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
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (await RedisUsableAsync())
        {
            try
            {
                return await inRedis.GetAsync(key, cancellationToken);
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                MarkDown(exception);
            }
        }

        return await inMemory.GetAsync(key, cancellationToken);
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (await RedisUsableAsync())
        {
            try
            {
                await inRedis.SetAsync(key, value, tags, validFor, cancellationToken);
                return;
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                MarkDown(exception);
            }
        }

        await inMemory.SetAsync(key, value, tags, validFor, cancellationToken);
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

    private static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException or ObjectDisposedException;
}
