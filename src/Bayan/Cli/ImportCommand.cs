using System.CommandLine;
using Bayan.Import;

namespace Bayan.Cli;

internal static class ImportCommand
{
    public static Command Create(string[] hostArgs)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The WordPress export (WXR), from Tools → Export in WordPress." };
        var language = new Option<string?>("--language") { Description = "The language the posts are written in (a site language code, e.g. fa); default: the export's own." };
        var categories = new Option<string[]>("--categories") { Description = "Import only posts in these categories (their slugs), e.g. --categories statements announcements.", AllowMultipleArgumentsPerToken = true };
        var pages = new Option<bool>("--pages") { Description = "Import pages as well as posts." };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "A JSON file: what categories and tags become (types, series, topics), series numbers in titles, and which posts translate posts of a site imported before (see the README)." };
        var uploads = new Option<DirectoryInfo?>("--uploads") { Description = "A copy of the site's wp-content/uploads: featured images, attached files and the images in posts become attachments." };
        var wordpress = new Command("wordpress", "Import the posts of a WordPress export as statements, with redirects from their old addresses. Importing the same file again updates what changed.")
        {
            file, language, categories, pages, uploads, mapping,
        };
        wordpress.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"bayan: {path.FullName} does not exist.");
                return 1;
            }

            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<WordPressImport>();
            var options = new WordPressImportOptions(result.GetValue(language), result.GetValue(categories) ?? [], result.GetValue(pages), result.GetValue(uploads)?.FullName, result.GetValue(mapping)?.FullName);
            ImportReport report;
            try
            {
                report = await import.RunAsync(path.FullName, options, new Progress<int>(done =>
                {
                    if (done % 1000 == 0)
                    {
                        Console.WriteLine($"  {done} posts…");
                    }
                }), cancellationToken);
            }
            catch (WxrException e)
            {
                await Console.Error.WriteLineAsync($"bayan: nothing was imported. {e.Message}");
                return 1;
            }

            Console.WriteLine($"Imported {report.Imported}, updated {report.Updated}, unchanged {report.Unchanged}, skipped {report.Skipped.Count}; {report.Redirects} old addresses now redirect. ({report.Elapsed.TotalSeconds:0.0} s)");
            if (report.RedirectsTaken > 0)
            {
                Console.WriteLine($"  {report.RedirectsTaken} old addresses already lead to other statements (another site's posts with the same /?p=ID) and were left so.");
            }

            if (report.RecordsSigned > 0)
            {
                Console.WriteLine($"Signed and logged {report.RecordsSigned} records of imported statements.");
            }

            foreach (var skipped in report.Skipped)
            {
                Console.WriteLine($"  skipped {skipped}");
            }

            foreach (var warning in report.Warnings)
            {
                Console.WriteLine($"  warning: {warning}");
            }

            return 0;
        });
        return new Command("import", "Bring content in from another system.") { wordpress };
    }
}
