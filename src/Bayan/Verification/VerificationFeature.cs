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
    public static IServiceCollection AddVerification(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddSingleton<KeyRing>().AddScoped<TransparencyLog>().AddScoped<Notary>().AddScoped<TextCheck>();
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
