using System.CommandLine;
using Bayan.Data;
using Bayan.Demo;
using Spectre.Console;

namespace Bayan.Cli;

internal static class DemoCommand
{
    public static Command Create(string[] hostArgs)
    {
        var force = new Option<bool>("--force") { Description = "Delete all existing content first, then load the sample content." };
        var command = new Command("demo", "Load the sample content (a fictional humanitarian network's statements) into an empty database.") { force };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            var loader = scope.ServiceProvider.GetRequiredService<DemoLoader>();
            if (await DemoLoader.HasContentAsync(db, cancellationToken))
            {
                if (!result.GetValue(force))
                {
                    await Console.Error.WriteLineAsync("demo: the database already has content; run `demo --force` to replace all of it with the sample content.");
                    return 1;
                }

                await loader.ClearAsync(cancellationToken);
            }

            var count = 0;
            await AnsiConsole.Status().StartAsync("Loading sample content…", async status =>
                count = await loader.LoadAsync(key => status.Status($"Loading {Markup.Escape(key)}"), cancellationToken));
            var signed = await Verification.VerificationFeature.SignSampleContentAsync(scope.ServiceProvider, cancellationToken);
            Console.WriteLine($"Loaded {count} sample statements; signed and logged {signed} records.");
            return 0;
        });
        return command;
    }
}
