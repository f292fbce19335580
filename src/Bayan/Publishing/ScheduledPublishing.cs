using Bayan.Shared;

namespace Bayan.Publishing;

/// <summary>
/// Publishes scheduled statements when their time comes. It looks at start-up (catching up on anything that fell due
/// while the site was down) and then every few seconds.
/// </summary>
public sealed class ScheduledPublishing(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<ScheduledPublishing> logger)
    : PeriodicWork(scopes, time, configuration, logger)
{
    protected override async Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<Publisher>().PublishDueAsync(cancellationToken) is > 0 and var published
            ? $"published {published} scheduled statement(s)."
            : null;
}
