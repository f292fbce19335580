namespace Bayan.Shared;

/// <summary>
/// Work an instance does at start-up and then every <c>Bayan:SchedulerSeconds</c> (15 by default), each round in a scope
/// of its own. A failed round is logged and the next tick tries again; the clock is a TimeProvider so tests can move it.
/// </summary>
public abstract class PeriodicWork(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger logger) : BackgroundService
{
    /// <summary>One round; returns a line for the log when it did something, else null.</summary>
    protected abstract Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Bayan:SchedulerSeconds", 15)));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await RunOnceAsync(scope.ServiceProvider, stoppingToken) is { } done)
                {
                    logger.LogInformation("{Work}: {Done}", GetType().Name, done);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "{Work} failed; trying again in {Interval}.", GetType().Name, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
