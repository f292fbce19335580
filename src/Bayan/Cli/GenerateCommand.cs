using System.CommandLine;
using System.Diagnostics;
using Bayan.Demo;
using Spectre.Console;

namespace Bayan.Cli;

internal static class GenerateCommand
{
    public static Command Create(string[] hostArgs)
    {
        var statements = new Option<int>("--statements")
        {
            Description = "How many synthetic statements to add (for benchmarks).",
            Required = true,
        };
        statements.Validators.Add(result =>
        {
            // Only a number that parsed is checked for range; a word is already reported by the parser.
            if (result.Tokens.Count == 1
                && int.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is < 1 or > 10_000_000)
            {
                result.AddError("--statements must be between 1 and 10000000.");
            }
        });
        var command = new Command("generate", "Add synthetic statements in English, Persian and Arabic, for benchmarks.") { statements };
        command.SetAction(async (result, cancellationToken) =>
        {
            var count = result.GetValue(statements);
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var generator = scope.ServiceProvider.GetRequiredService<SyntheticContent>();
            var clock = Stopwatch.StartNew();
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Generating statements", maxValue: count);
                    await generator.GenerateAsync(count, done => task.Value = done, cancellationToken);
                });
            }
            else
            {
                // Logs and CI get one line per batch instead of a progress bar.
                await generator.GenerateAsync(count, done => Console.WriteLine($"  {done} of {count}"), cancellationToken);
            }
            Console.WriteLine($"Generated {count} statements in {clock.Elapsed.TotalSeconds:0.0} s.");
            // Signed when the site has a key (`keys create` signs them otherwise).
            if (await scope.ServiceProvider.GetRequiredService<Verification.Notary>().CatchUpAsync(cancellationToken) is > 0 and var signed)
            {
                Console.WriteLine($"Signed and logged {signed} records.");
            }

            return 0;
        });
        return command;
    }
}
