using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Bayan.Cli;
using Bayan.Mirror;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Bayan.Tests.Mirror;

/// <summary>`static-site`: the public site as files a plain static host serves, browsed link by link; later runs keep it up to date.</summary>
[Collection(CommandLineDefinition.Name)]
public sealed partial class StaticSiteTests
{
    private const string MirrorPath = "/mirror";

    [Fact]
    public async Task The_mirror_served_by_a_static_file_server_browses_without_a_broken_link_and_a_second_run_changes_only_what_changed()
    {
        await using var app = await BayanApp.StartAsync();
        var directory = Path.Combine(app.DataDirectory, "mirror");
        Directory.CreateDirectory(directory);
        await using var host = await ServeAsync(directory);
        var baseUrl = new Uri(new Uri(host.Urls.First()), MirrorPath + "/");
        // The styles and fonts are the app's own files, found from its content root (src/Bayan for `dotnet run`).
        string[] settings = [.. await TestDatabase.VerbSettingsAsync(app.DataDirectory), $"--contentRoot={RepositoryPaths.AppDirectory}"];
        var first = await Captured.OutAsync(async () => Assert.Equal(0, await BayanCommandLine.RunAsync(["static-site", directory, "--base-url", baseUrl.AbsoluteUri, .. settings])));
        Assert.DoesNotContain("warning", first, StringComparison.Ordinal);

        // A reader's way in (the root) and a search engine's (every address the sitemaps give: withdrawn statements are
        // in no listing), followed link by link.
        using var client = new HttpClient { BaseAddress = baseUrl };
        List<Uri> starts = [baseUrl];
        foreach (var sitemap in Locations().Matches(await client.GetStringAsync("sitemap.xml")).Select(m => m.Groups[1].Value))
        {
            starts.AddRange(Locations().Matches(await client.GetStringAsync(sitemap)).Select(m => new Uri(m.Groups[1].Value)));
        }

        var (visited, broken, pages) = await CrawlAsync(client, baseUrl, starts);
        Assert.Empty(broken);
        int published;
        var (scope, db) = app.Db();
        await using (scope)
        {
            published = await db.Translations.CountAsync(t => t.IsPublished);
        }

        Assert.True(starts.Count > published, $"{starts.Count} addresses in the sitemaps for {published} published translations");
        Assert.True(pages.Count > published, $"{pages.Count} pages browsed for {published} published translations");
        Assert.All(starts, start => Assert.StartsWith(baseUrl.AbsoluteUri, start.AbsoluteUri, StringComparison.Ordinal));

        var archive = pages[baseUrl.AbsolutePath + "en/statements/"];
        Assert.Empty(archive.QuerySelectorAll("form"));
        Assert.DoesNotContain(archive.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!), href => href.Contains('?', StringComparison.Ordinal));
        Assert.NotNull(archive.QuerySelector($"a[href='{MirrorPath}/en/statements/type/joint-statement/']"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("en/statements/page/2/")).StatusCode);
        Assert.Contains("https://", await File.ReadAllTextAsync(Path.Combine(directory, StaticMirror.NotFoundPage)), StringComparison.Ordinal);

        // Nothing changed: nothing written. A file of the operator's beside the mirror is left alone.
        await File.WriteAllTextAsync(Path.Combine(directory, "CNAME"), "mirror.example.org");
        var second = await Captured.OutAsync(() => BayanCommandLine.RunAsync(["static-site", directory, "--base-url", baseUrl.AbsoluteUri, .. settings]));
        Assert.Contains("(0 written,", second, StringComparison.Ordinal);
        Assert.DoesNotContain("error", second, StringComparison.Ordinal);

        // A statement taken off the site leaves the mirror; pages that never showed it are not written again.
        string removed, untouched;
        (scope, db) = app.Db();
        await using (scope)
        {
            var newest = await db.Statements.Include(s => s.Translations).OrderByDescending(s => s.PublishedAt).FirstAsync(s => s.Status == Bayan.Core.Statements.StatementStatus.Published && s.Translations.Any(t => t.Language == "en" && t.IsPublished));
            untouched = Path.Combine(directory, "en", "statements", newest.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), newest.Translations.Single(t => t.Language == "en" && t.IsPublished).Slug, "index.html");
            var statement = await db.Statements.Include(s => s.Translations).OrderBy(s => s.PublishedAt).FirstAsync(s => s.Status == Bayan.Core.Statements.StatementStatus.Published);
            removed = Path.Combine(directory, "en", "statements", statement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), statement.Translations.Single(t => t.Language == "en" && t.IsPublished).Slug, "index.html");
            var editor = new Bayan.Publishing.Actor("mirror-editor", "Editor", new HashSet<string> { Bayan.Accounts.Roles.Editor });
            var outcome = await scope.ServiceProvider.GetRequiredService<Bayan.Publishing.Publisher>().UnpublishAsync(statement.Id, statement.ConcurrencyStamp, editor);
            Assert.True(outcome.Succeeded, string.Join(", ", outcome.Refusals));
        }

        Assert.True(File.Exists(removed), removed);
        var untouchedTime = File.GetLastWriteTimeUtc(untouched);
        var third = await Captured.OutAsync(() => BayanCommandLine.RunAsync(["static-site", directory, "--base-url", baseUrl.AbsoluteUri, .. settings]));
        var counts = Counts().Match(third);
        Assert.True(counts.Success, third);
        Assert.InRange(int.Parse(counts.Groups["written"].Value, System.Globalization.CultureInfo.InvariantCulture), 1, visited.Count / 2);
        Assert.True(int.Parse(counts.Groups["deleted"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 2, third);
        Assert.False(File.Exists(removed));
        Assert.Equal(untouchedTime, File.GetLastWriteTimeUtc(untouched));
        Assert.True(File.Exists(Path.Combine(directory, "CNAME")));
        Assert.Empty((await CrawlAsync(client, baseUrl, [baseUrl])).Broken);
    }

    [Site.ValidatorFact]
    public async Task The_mirrors_own_pages_pass_the_nu_html_checker()
    {
        await using var app = await BayanApp.StartAsync();
        var directory = Path.Combine(app.DataDirectory, "mirror");
        Assert.Equal(0, await BayanCommandLine.RunAsync(["static-site", directory, "--base-url", "https://mirror.example.org/", .. await TestDatabase.VerbSettingsAsync(app.DataDirectory), $"--contentRoot={RepositoryPaths.AppDirectory}"]));
        // The pages that differ from the site's: the archive's links instead of its form, the not-found page, and the
        // pages that stand for a redirect (the root, a statement's short address).
        var shortAddress = Directory.EnumerateFiles(Path.Combine(directory, "fa", "statements"), "index.html", SearchOption.AllDirectories)
            .First(f => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f))) == "statements" && Path.GetFileName(Path.GetDirectoryName(f)!).All(char.IsAsciiDigit));
        string[] files = [Path.Combine(directory, "en", "statements", "index.html"), Path.Combine(directory, "ar", "index.html"), Path.Combine(directory, StaticMirror.NotFoundPage), Path.Combine(directory, "index.html"), shortAddress];
        var (exitCode, output) = await Site.HtmlValidityTests.RunValidatorAsync(files);
        Assert.True(exitCode == 0 && !output.Contains("error:", StringComparison.OrdinalIgnoreCase) && !output.Contains("warning:", StringComparison.OrdinalIgnoreCase), output);
    }

    [Fact]
    public async Task A_run_that_goes_wrong_deletes_nothing_writes_nowhere_else_and_says_so()
    {
        await using var app = await BayanApp.StartAsync();
        var directory = Path.Combine(app.DataDirectory, "mirror");
        string[] settings = [.. await TestDatabase.VerbSettingsAsync(app.DataDirectory), $"--contentRoot={RepositoryPaths.AppDirectory}"];
        Task<int> Run(params string[] more) => BayanCommandLine.RunAsync(["static-site", directory, "--base-url", "https://mirror.example.org/", .. settings, .. more]);
        Assert.Equal(0, await Run());
        var before = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count();

        // A stored file gone from the data directory: its attachment cannot be fetched.
        var stored = Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "files"), "*", SearchOption.AllDirectories).First();
        File.Move(stored, stored + ".away");
        if (TestDatabase.IsPostgres)
        {
            // On PostgreSQL the database keeps stored files too: gone from there as well.
            var (scope, db) = app.Db();
            await using (scope)
            {
                var sha256 = Path.GetFileName(stored);
                await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.StoredFiles.Where(f => f.Sha256 == sha256));
            }
        }

        var said = await Captured.OutAsync(async () => Assert.Equal(1, await Run()));
        Assert.Contains("error: /attachments/", said, StringComparison.Ordinal);
        Assert.Contains("0 deleted", said, StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count());
        File.Move(stored + ".away", stored);

        // A folder of the mirror replaced by a link elsewhere: nothing is written through it.
        var elsewhere = Path.Combine(app.DataDirectory, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.Delete(Path.Combine(directory, "css"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(directory, "css"), elsewhere);
        said = await Captured.OutAsync(async () => Assert.Equal(1, await Run()));
        Assert.Contains("symbolic link", said, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));

        // A mistyped data directory: refused before a database is made there.
        var typo = Path.Combine(app.DataDirectory, "typo");
        var refusal = await Captured.ErrorAsync(async () =>
            Assert.Equal(1, await BayanCommandLine.RunAsync(["static-site", directory, "--base-url", "https://mirror.example.org/", $"--Bayan:DataDirectory={typo}", $"--contentRoot={RepositoryPaths.AppDirectory}"])));
        Assert.Contains("there is no database", refusal, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(typo, "bayan.db")));

        // Without the app's styles (the wrong working directory): refused before anything is written.
        refusal = await Captured.ErrorAsync(async () =>
            Assert.Equal(1, await BayanCommandLine.RunAsync(["static-site", directory, "--base-url", "https://mirror.example.org/", .. await TestDatabase.VerbSettingsAsync(app.DataDirectory)])));
        Assert.Contains("Bayan's styles are not under", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_of_other_files_and_an_unusable_base_url_are_refused_before_anything_is_written()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"bayan-mirror-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "notes.txt"), "mine");
            var refusal = await Captured.ErrorAsync(async () =>
                Assert.Equal(1, await BayanCommandLine.RunAsync(["static-site", directory, "--base-url", "https://mirror.example.org/"])));
            Assert.Contains("holds other files", refusal, StringComparison.Ordinal);
            foreach (var (address, said) in new[]
            {
                ("ftp://mirror.example.org/", "must be an http or https address"),
                ("https://user:secret@mirror.example.org/", "must not carry a user name or password"),
                ("https://mirror.example.org/our statements/", "must have a path of ASCII letters"),
            })
            {
                refusal = await Captured.ErrorAsync(async () =>
                    Assert.Equal(2, await BayanCommandLine.RunAsync(["static-site", directory, "--base-url", address])));
                Assert.Contains(said, refusal, StringComparison.Ordinal);
            }

            Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A plain static file server, as any host has: files as they are, index.html for a directory.</summary>
    private static async Task<WebApplication> ServeAsync(string directory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting(Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        var server = builder.Build();
        server.UseFileServer(new FileServerOptions
        {
            RequestPath = MirrorPath,
            FileProvider = new PhysicalFileProvider(directory),
            StaticFileOptions = { ServeUnknownFileTypes = true },
        });
        await server.StartAsync();
        return server;
    }

    /// <summary>Follows every link, image, style, script and refresh from the starts, as a reader's browser would.</summary>
    private static async Task<(HashSet<string> Visited, List<string> Broken, Dictionary<string, AngleSharp.Html.Dom.IHtmlDocument> Pages)> CrawlAsync(HttpClient client, Uri root, IEnumerable<Uri> starts)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var broken = new List<string>();
        var pages = new Dictionary<string, AngleSharp.Html.Dom.IHtmlDocument>(StringComparer.Ordinal);
        var queue = new Queue<(Uri Address, string From)>(starts.Select(start => (start, "the start")));
        var parser = new HtmlParser();
        while (queue.TryDequeue(out var next))
        {
            if (!visited.Add(next.Address.AbsolutePath + next.Address.Query))
            {
                continue;
            }

            using var response = await client.GetAsync(next.Address);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                broken.Add($"{next.Address} ({(int)response.StatusCode}, linked from {next.From})");
                continue;
            }

            var here = response.RequestMessage!.RequestUri!;
            var links = new List<string>();
            switch (response.Content.Headers.ContentType?.MediaType)
            {
                case "text/html":
                    var document = parser.ParseDocument(await response.Content.ReadAsStringAsync());
                    pages[here.AbsolutePath] = document;
                    links.AddRange(document.QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href")!));
                    links.AddRange(document.QuerySelectorAll("img[src], script[src]").Select(e => e.GetAttribute("src")!));
                    links.AddRange(document.QuerySelectorAll("meta[http-equiv=refresh]").Select(e => e.GetAttribute("content")!.Split("url=")[1]));
                    break;
                case "text/css":
                    links.AddRange(StyleUrls().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value));
                    break;
            }

            foreach (var link in links)
            {
                var target = new Uri(here, link);
                if (target.Authority == root.Authority && target.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal))
                {
                    queue.Enqueue((new Uri(target.GetLeftPart(UriPartial.Query)), here.AbsolutePath));
                }
                else if (target.Authority == root.Authority)
                {
                    broken.Add($"{target} (outside the mirror, linked from {here.AbsolutePath})");
                }
            }
        }

        return (visited, broken, pages);
    }

    [GeneratedRegex("<loc>([^<]+)</loc>")]
    private static partial Regex Locations();

    [GeneratedRegex("""url\("?([^")]+)"?\)""")]
    private static partial Regex StyleUrls();

    [GeneratedRegex(@"\((?<written>\d+) written, \d+ unchanged, (?<deleted>\d+) deleted")]
    private static partial Regex Counts();
}
