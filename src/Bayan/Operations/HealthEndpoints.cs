using Bayan.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bayan.Operations;

/// <summary>
/// Probes for a process manager or a load balancer. /healthz/live answers while the process can answer at all (restart it
/// when it does not); /healthz/ready while it can serve readers — its database reachable and its schema up to date (send
/// it no traffic while it is not). /healthz is readiness, as it always was. Answers are plain text and never cached.
/// </summary>
public static class HealthEndpoints
{
    private const string Readiness = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [Readiness])
            .AddCheck<RedisCheck>("redis", tags: [Readiness]);
        return services;
    }

    /// <summary>
    /// The probes, answered first in the pipeline: before sign-in cookies are read (which needs the database), so
    /// liveness answers whatever the request carries and whatever state the database is in.
    /// </summary>
    public static IApplicationBuilder UseHealthProbes(this IApplicationBuilder app)
    {
        app.UseHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        foreach (var path in new[] { "/healthz/ready", "/healthz" })
        {
            app.UseHealthChecks(path, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Readiness), ResponseWriter = WriteAsync });
        }

        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var text = (report.Status == HealthStatus.Unhealthy ? "" : "ok\n")
            + string.Concat(report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}\n"));
        return context.Response.WriteAsync(text);
    }

    /// <summary>
    /// Redis down leaves the instance able to serve (pages cached in its memory), so it stays ready — degraded, and saying
    /// so. Without Redis configured there is nothing to check.
    /// </summary>
    private sealed class RedisCheck(IServiceProvider services) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(services.GetService<StackExchange.Redis.IConnectionMultiplexer>() is { IsConnected: false }
                ? HealthCheckResult.Degraded("unreachable; this instance caches pages and counts limits on its own until it is back")
                : HealthCheckResult.Healthy());
    }

    /// <summary>Reads the database and its schema's version; what went wrong goes to the log, not to whoever asked.</summary>
    private sealed class DatabaseCheck(BayanDb db, ILogger<DatabaseCheck> log) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                if (pending > 0)
                {
                    return HealthCheckResult.Unhealthy($"the schema is {pending} migration(s) behind this Bayan (run `migrate`, or start one instance to migrate)");
                }

                await db.Statements.AnyAsync(cancellationToken);
                // Readers are served from a read-only database (a standby promoted late, a server out of disk), but
                // nothing can be published: the probe says so without taking the instance out.
                if (db.Database.IsNpgsql()
                    && await db.Database.SqlQuery<string>($"SELECT current_setting('transaction_read_only') AS \"Value\"").SingleAsync(cancellationToken) == "on")
                {
                    return HealthCheckResult.Degraded("read-only: nothing can be published");
                }

                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or DbUpdateException or TimeoutException)
            {
                log.LogWarning(exception, "Readiness: the database cannot be read");
                return HealthCheckResult.Unhealthy("unreachable (see the log)");
            }
        }
    }
}
