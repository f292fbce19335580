using Bayan.Shared;

namespace Bayan.Verification;

/// <summary>
/// Signs, every few seconds, what an instance without the private key published (<see cref="Notary.SignBacklogAsync"/>):
/// one cheap query when there is nothing waiting. It never signs anything else, so a change made in the database behind
/// Bayan's back stays unsigned and `verify` reports it.
/// </summary>
public sealed class SigningBacklog(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<SigningBacklog> logger)
    : PeriodicWork(scopes, time, configuration, logger)
{
    protected override async Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<Notary>().SignBacklogAsync(cancellationToken) is > 0 and var signed
            ? $"signed {signed} record(s) another instance could not sign."
            : null;
}
