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
                redis,
                context.RequestServices.GetRequiredService<TimeProvider>(),
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SharedRateLimits)),
                $"bayan:limit:{policy}:{partition}",
                permits,
                window,
                new FixedWindowRateLimiter(options)))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => options);
    }

    /// <summary>A fixed window counted in Redis (the key expiring after its window), this instance's own while Redis is down.</summary>
    private sealed class RedisFixedWindowLimiter(IConnectionMultiplexer redis, TimeProvider clock, ILogger log, string key, int permits, TimeSpan window, RateLimiter alone) : RateLimiter
    {
        // INCRBY, and the first count of a window sets its expiry: one atomic step, on every Redis version.
        private const string CountScript =
            "local c = redis.call('INCRBY', KEYS[1], ARGV[1]) if c == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return c";

        private long lastUsed = Environment.TickCount64;
        private int warned;

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
                var counted = (long)await redis.GetDatabase().ScriptEvaluateAsync(
                    CountScript, [counter], [permitCount, windowMilliseconds + 5000]);
                return counted <= permits
                    ? Lease.Granted
                    : new Lease(false, TimeSpan.FromMilliseconds(((number + 1) * windowMilliseconds) - now));
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                if (Interlocked.Exchange(ref warned, 1) == 0)
                {
                    log.LogWarning(exception, "Redis could not count {Key}: this instance counts on its own", key);
                }

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
