using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bayan.Cli;
using Bayan.Verification;

namespace Bayan.Tests.Verification;

/// <summary>`verify` of what leaves the site: a static mirror's directory and an export archive, checked offline.</summary>
[Collection(CommandLineDefinition.Name)]
public sealed partial class OfflineVerifyTests : IAsyncLifetime
{
    private const string StatementBody = "<div class=\"statement-body\">";

    private BayanApp app = null!;
    private string[] verb = [];
    private string keyId = "";

    public async Task InitializeAsync()
    {
        app = await BayanApp.StartAsync();
        verb = await TestDatabase.VerbSettingsAsync(app.DataDirectory);
        var created = await Captured.OutAsync(async () => Assert.Equal(0, await BayanCommandLine.RunAsync(["keys", "create", .. verb])));
        keyId = KeyId().Match(created).Value;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_mirror_carries_the_whole_log_verifies_offline_and_a_page_or_file_changed_in_it_is_caught()
    {
        var mirror = Path.Combine(app.DataDirectory, "mirror");
        await Captured.OutAsync(async () => Assert.Equal(0, await BayanCommandLine.RunAsync(
            ["static-site", mirror, "--base-url", "https://mirror.example.org/statements/", .. verb, $"--contentRoot={RepositoryPaths.AppDirectory}"])));
        var head = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(mirror, "log", "tree-head.json")))!;
        var page = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(mirror, "log", "pages", "0.json")))!;
        Assert.Equal((long)head["size"]!, page["entries"]!.AsArray().Count);
        // The explanation links the whole log, and not the paste-a-text form only a server can answer.
        var explanation = await File.ReadAllTextAsync(Path.Combine(mirror, "en", "verification", "index.html"));
        Assert.Contains("/statements/log/pages/0.json", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("/en/verify\"", explanation, StringComparison.Ordinal);

        var (exit, output) = await VerifyAsync("--key", AboutModel.Fingerprint(keyId), mirror);
        Assert.True(exit == 0, output);
        Assert.Matches(@"Verified \d+ signed records, the tree head and \d+ statement pages of the mirror", output);
        Assert.Contains(AboutModel.Fingerprint(keyId), output);

        // What a reader would not see but a page would say (an empty hidden paragraph: the same text, other markup), a
        // withdrawal notice taken off, a short address that shows a page of its own, and a document swapped.
        var pages = Directory.EnumerateFiles(mirror, "index.html", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains(StatementBody, StringComparison.Ordinal)).ToList();
        var statementPage = pages.First(f => !File.ReadAllText(f).Contains("notice-withdrawn", StringComparison.Ordinal));
        var html = await File.ReadAllTextAsync(statementPage);
        await File.WriteAllTextAsync(statementPage, html.Replace(StatementBody, StatementBody + "<p hidden></p>", StringComparison.Ordinal));
        var withdrawnPage = pages.First(f => File.ReadAllText(f).Contains("notice-withdrawn", StringComparison.Ordinal));
        await File.WriteAllTextAsync(withdrawnPage, (await File.ReadAllTextAsync(withdrawnPage)).Replace("notice notice-withdrawn", "notice", StringComparison.Ordinal));
        var shortAddress = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(statementPage))!, "index.html");
        await File.WriteAllTextAsync(shortAddress, "<!DOCTYPE html><title>Ours</title><article><h1>A statement never made</h1></article>");
        var document = Directory.EnumerateFiles(Path.Combine(mirror, "attachments"), "*", SearchOption.AllDirectories).First();
        await File.AppendAllTextAsync(document, "forged");

        (exit, output) = await VerifyAsync(mirror);
        Assert.Equal(1, exit);
        Assert.Matches($@"{Regex.Escape(Path.GetRelativePath(mirror, statementPage))}: differs from its signed record \(entry \d+\) in body", output);
        Assert.Matches($@"{Regex.Escape(Path.GetRelativePath(mirror, withdrawnPage))}: differs from its signed record \(entry \d+\) in .*withdrawal", output);
        Assert.Contains($"{Path.GetRelativePath(mirror, shortAddress)}: a statement's short address must only send readers on", output);
        Assert.Matches(@"differs from its signed record \(entry \d+\) in (body, )?attachments\.", output);

        // A record changed in the mirror's copy of the log, then the log cut short.
        var pagePath = Path.Combine(mirror, "log", "pages", "0.json");
        var text = await File.ReadAllTextAsync(pagePath);
        var title = (string)page["entries"]![0]!["entry"]!["record"]!["title"]!;
        await File.WriteAllTextAsync(pagePath, text.Replace(title, title + " (rewritten)", StringComparison.Ordinal));
        (exit, output) = await VerifyAsync(mirror);
        Assert.Equal(1, exit);
        Assert.Contains("Entry 0 (statement ", output);
        Assert.Contains("the signature does not match", output);
        Assert.Contains("the entries do not give its root hash", output);

        await File.WriteAllTextAsync(pagePath, text[..(text.Length / 2)]);
        var error = await Captured.ErrorAsync(async () => Assert.Equal(1, await BayanCommandLine.RunAsync(["verify", mirror])));
        Assert.Contains("log/pages/0.json is not JSON (cut short or changed?)", error);
    }

    [Fact]
    public async Task An_export_verifies_offline_and_a_statement_changed_in_it_is_caught()
    {
        var archive = Path.Combine(app.DataDirectory, "site.zip");
        await Captured.OutAsync(async () => Assert.Equal(0, await BayanCommandLine.RunAsync(["export", archive, .. verb])));

        var (exit, output) = await VerifyAsync(archive, "--key", AboutModel.Fingerprint(keyId));
        Assert.True(exit == 0, output);
        Assert.Matches(@"Verified \d+ signed records, 1 tree head and \d+ statements of site.zip", output);

        // Someone holding a key of their own is not the organization, however well their signatures check out.
        (exit, output) = await VerifyAsync(archive, "--key", new string('a', 64));
        Assert.Equal(1, exit);
        Assert.Contains($"Key {keyId} signed here but is not among the keys you trust", output);

        var forged = Path.Combine(app.DataDirectory, "forged.zip");
        File.Copy(archive, forged);
        int statement;
        using (var zip = ZipFile.Open(forged, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("tables/Translations.json")!;
            JsonArray rows;
            using (var reader = new StreamReader(entry.Open()))
            {
                rows = JsonNode.Parse(await reader.ReadToEndAsync())!.AsArray();
            }

            var row = rows.First(r => (string?)r!["Language"] == "en" && (long?)r["IsPublished"] == 1)!;
            statement = (int)row["StatementId"]!;
            row["BodyHtml"] = "<p>A text this organization never signed.</p>";
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("tables/Translations.json").Open());
            await writer.WriteAsync(rows.ToJsonString());
        }

        (exit, output) = await VerifyAsync(forged);
        Assert.Equal(1, exit);
        Assert.Contains($"Statement {statement} (en): what readers see differs from its signed record", output);
        Assert.Contains("in body;", output);

        var error = await Captured.ErrorAsync(async () => Assert.Equal(1, await BayanCommandLine.RunAsync(["verify", Path.Combine(app.DataDirectory, "verify.pem")])));
        Assert.Contains("is not a site's address (https://…), a directory or an archive", error);
        await File.WriteAllTextAsync(Path.Combine(app.DataDirectory, "junk.zip"), "not a zip");
        error = await Captured.ErrorAsync(async () => Assert.Equal(1, await BayanCommandLine.RunAsync(["verify", Path.Combine(app.DataDirectory, "junk.zip")])));
        Assert.Contains("cannot be read as an export", error);
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(params string[] arguments)
    {
        var exit = -1;
        var output = await Captured.OutAsync(async () => exit = await BayanCommandLine.RunAsync(["verify", .. arguments]));
        return (exit, output);
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex KeyId();

}
