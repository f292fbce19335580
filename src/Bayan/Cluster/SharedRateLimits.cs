using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Bayan.Cluster;

/// <summary>
/// Limits that must hold for the whole site, not per instance (sign-in attempts, API requests per address): with Redis
/// every instance counts in the same fixed window there; without it, or while Redis cannot answer, each instance counts
/// on its own, as one instance always did.
/// </summary>
public static class SharedRateLimits
{
    public static RateLimitPartition<string> FixedWindow(HttpContext context, string policy, string key, int permits, TimeSpan window)
    {
        var options = new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 };
        return context.RequestServices.GetService<IConnectionMultiplexer>() is { } redis
            ? RateLimitPartition.Get(key, partition => new RedisFixedWindowLimiter(
                redis, context.RequestServices.GetRequiredService<TimeProvider>(), $"bayan:limit:{policy}:{partition}", permits, window, new FixedWindowRateLimiter(options)))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => options);
    }

    /// <summary>A fixed window counted in Redis (INCR, with the key expiring after its window), this instance's own while Redis is down.</summary>
    private sealed class RedisFixedWindowLimiter(IConnectionMultiplexer redis, TimeProvider clock, string key, int permits, TimeSpan window, RateLimiter alone) : RateLimiter
    {
        private long lastUsed = Environment.TickCount64;

        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref lastUsed));

        public override RateLimiterStatistics? GetStatistics() => alone.GetStatistics();

        // Not decided here: the answer is in Redis, so the middleware asks again, asynchronously.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Lease.Granted : Lease.AskAgain;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref lastUsed, Environment.TickCount64);
            if (permitCount == 0)
            {
                return Lease.Granted;
            }

            if (!redis.IsConnected)
            {
                return await alone.AcquireAsync(permitCount, cancellationToken);
            }

            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var windowMilliseconds = (long)window.TotalMilliseconds;
            var number = now / windowMilliseconds;
            var counter = $"{key}:{number}";
            try
            {
                var transaction = redis.GetDatabase().CreateTransaction();
                var counted = transaction.StringIncrementAsync(counter, permitCount);
                _ = transaction.KeyExpireAsync(counter, window + TimeSpan.FromSeconds(5), ExpireWhen.HasNoExpiry);
                await transaction.ExecuteAsync();
                return await counted <= permits
                    ? Lease.Granted
                    : new Lease(false, TimeSpan.FromMilliseconds(((number + 1) * windowMilliseconds) - now));
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                return await alone.AcquireAsync(permitCount, cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                alone.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public static readonly Lease AskAgain = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
