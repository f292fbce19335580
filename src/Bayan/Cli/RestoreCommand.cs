using System.CommandLine;
using Bayan.Backup;

namespace Bayan.Cli;

internal static class RestoreCommand
{
    public static Command Create(string[] hostArgs)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An archive written by `export`." };
        var command = new Command("restore", "Bring a site back from an export archive into an empty data directory.") { file };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"bayan: {path.FullName} does not exist.");
                return 1;
            }

            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            try
            {
                var tables = await scope.ServiceProvider.GetRequiredService<SiteRestore>().RestoreAsync(path.FullName, cancellationToken);
                Console.WriteLine($"Restored {tables.Values.Sum()} rows in {tables.Count} tables; the search index is rebuilt.");
                return 0;
            }
            catch (RestoreException e)
            {
                await Console.Error.WriteLineAsync($"bayan: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
