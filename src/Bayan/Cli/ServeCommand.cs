using Bayan.Accounts;
using Bayan.Data;
using Bayan.Demo;

namespace Bayan.Cli;

internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, bool demo, CancellationToken cancellationToken)
    {
        var app = Site.Build(hostArgs);
        await Site.PrepareAsync(app);
        if (demo)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            if (!await DemoLoader.HasContentAsync(db, cancellationToken))
            {
                var count = await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync(cancellationToken: cancellationToken);
                await Verification.VerificationFeature.SignSampleContentAsync(scope.ServiceProvider, cancellationToken);
                app.Logger.LogInformation("Loaded {Count} sample statements.", count);
            }
        }

        await FirstAdministratorSetup.AnnounceAsync(app);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
