using System.CommandLine;
using Bayan.Backup;

namespace Bayan.Cli;

internal static class ExportCommand
{
    public static Command Create(string[] hostArgs)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Where to write the archive (a .zip), e.g. bayan-2026-11-30.zip." };
        var secrets = new Option<bool>("--include-secrets")
        {
            Description = "Also write password hashes, two-factor keys, API token hashes and webhook secrets (keep such an archive as safe as the server).",
        };
        var command = new Command("export", "Write the whole site (every table as JSON, and the stored files) to one zip, while the site keeps serving.") { file, secrets };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var report = await scope.ServiceProvider.GetRequiredService<SiteExport>().WriteAsync(path.FullName, result.GetValue(secrets), cancellationToken);
            Console.WriteLine($"Wrote {path.FullName}: {report.Tables.Values.Sum()} rows in {report.Tables.Count} tables, {report.Files} files ({watch.Elapsed.TotalSeconds:0.0} s).");
            foreach (var missing in report.MissingFiles)
            {
                Console.WriteLine($"  warning: the stored file {missing} is missing from the data directory");
            }

            return 0;
        });
        return command;
    }
}
