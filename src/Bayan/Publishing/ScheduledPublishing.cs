namespace Bayan.Publishing;

/// <summary>
/// Publishes scheduled statements when their time comes. It looks at start-up (catching up on anything that fell due
/// while the site was down) and then every few seconds; the clock is a TimeProvider so tests can move it.
/// </summary>
public sealed class ScheduledPublishing(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<ScheduledPublishing> logger)
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
                var published = await scope.ServiceProvider.GetRequiredService<Publisher>().PublishDueAsync(stoppingToken);
                if (published > 0)
                {
                    logger.LogInformation("Published {Count} scheduled statement(s).", published);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One failed round must not stop publishing for good; the next tick tries again.
                logger.LogError(exception, "Scheduled publishing failed; trying again in {Interval}.", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
