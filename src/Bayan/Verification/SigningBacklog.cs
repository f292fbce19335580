namespace Bayan.Verification;

/// <summary>
/// Signs, every few seconds, what an instance without the private key published (<see cref="Notary.SignBacklogAsync"/>):
/// one cheap query when there is nothing waiting. It never signs anything else, so a change made in the database behind
/// Bayan's back stays unsigned and `verify` reports it.
/// </summary>
public sealed class SigningBacklog(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<SigningBacklog> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Bayan:SchedulerSeconds", 15)));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var signed = await scope.ServiceProvider.GetRequiredService<Notary>().SignBacklogAsync(stoppingToken);
                if (signed > 0)
                {
                    logger.LogInformation("Signed {Count} record(s) another instance could not sign.", signed);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Signing what waits to be signed failed; trying again in {Interval}.", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
