using System.Threading.RateLimiting;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bayan.Verification;

/// <summary>
/// Verifiable statements: the organization's signing keys, the signed record of every public state of every
/// translation, and the public log they are appended to (docs/verification.md).
/// </summary>
public static class VerificationFeature
{
    /// <summary>The rate limit of the pasted-text check's form.</summary>
    public const string CheckLimit = "verify";

    public static IServiceCollection AddVerification(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddSingleton<KeyRing>().AddScoped<TransparencyLog>().AddScoped<Notary>().AddScoped<TextCheck>();
    }

    /// <summary>
    /// What only the running site needs: the signer of what an instance without the key published, and the rate limit of
    /// the pasted-text check. Each check is a search and a word diff: a reader makes a few a minute; an address posting
    /// more (a script) is answered 429 in the page's language. Counted for the whole site when instances share Redis.
    /// </summary>
    public static IServiceCollection AddVerificationForSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<SigningBacklog>();
        var perMinute = configuration.GetValue("Bayan:VerifyChecksPerMinute", 20);
        return services.AddRateLimiter(options => options.AddPolicy(CheckLimit, context => HttpMethods.IsPost(context.Request.Method) && perMinute > 0
            ? Cluster.SharedRateLimits.FixedWindow(context, CheckLimit, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", perMinute, TimeSpan.FromMinutes(1))
            : RateLimitPartition.GetNoLimiter("read")));
    }

    /// <summary>
    /// For the sample site: a signing key if it has none, and everything public signed, so the demo shows verification
    /// at work. A real site makes its key on purpose, with `keys create`.
    /// </summary>
    public static async Task<int> SignSampleContentAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<BayanDb>();
        if (!await db.SigningKeys.AnyAsync(cancellationToken))
        {
            db.SigningKeys.Add(services.GetRequiredService<KeyRing>().Create(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }

        var signed = await services.GetRequiredService<Notary>().CatchUpAsync(cancellationToken);
        // Pages cached before now show no mark; a site serving them drops them (a verb has no cache of its own).
        if (services.GetService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>() is { } pages)
        {
            await pages.EvictByTagAsync(Shared.ContentChanges.PagesTag, cancellationToken);
        }

        return signed;
    }
}
