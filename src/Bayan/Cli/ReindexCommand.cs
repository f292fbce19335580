using System.CommandLine;
using System.Diagnostics;
using Bayan.Search;

namespace Bayan.Cli;

internal static class ReindexCommand
{
    public static Command Create(string[] hostArgs)
    {
        var command = new Command("reindex", "Rebuild the search index from the published statements, then exit.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var count = await scope.ServiceProvider.GetRequiredService<ISearchIndex>().RebuildAsync(cancellationToken);
            Console.WriteLine($"Indexed {count} published translations in {watch.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        });
        return command;
    }
}
