using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Bayan.Core.Verification;
using Bayan.Mirror;

namespace Bayan.Verification;

/// <summary>
/// Checks what a static mirror's statement pages show against the last signed record of each translation, found in the
/// mirror's own copy of the log: the title, summary and text (as a reader reads them: letters and words, not markup,
/// since the mirror rewrites links) and the attached files, by their SHA-256. A page changed after the mirror was
/// written, or a mirror made from a tampered database, shows as the pages that differ.
/// </summary>
public static class MirrorPages
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Adds a problem to <paramref name="audit"/> (made with KeepRecords) for each page that differs; returns the pages checked.</summary>
    public static async Task<int> CheckAsync(string directory, LogAudit audit, CancellationToken cancellationToken)
    {
        var checkedPages = 0;
        foreach (var (statement, language, file) in StatementPages(directory))
        {
            checkedPages++;
            var page = Path.GetRelativePath(directory, file);
            if (!audit.LatestRecords.TryGetValue((statement, language), out var record))
            {
                audit.Problems.Add($"{page}: statement {statement} ({language}) was never signed.");
                continue;
            }

            var index = audit.Latest[(statement, language)].Index;
            if ((string?)record["state"] == "unpublished")
            {
                audit.Problems.Add($"{page}: shows statement {statement} ({language}), which its last record (entry {index}) says was taken down.");
                continue;
            }

            using var document = await Parser.ParseDocumentAsync(await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
            var differing = Differences(document, record, directory).ToList();
            if (differing.Count > 0)
            {
                audit.Problems.Add($"{page}: differs from its signed record (entry {index}) in {string.Join(", ", differing)}.");
            }
        }

        return checkedPages;
    }

    /// <summary>Each statement page in the mirror: {lang}/statements/{id}/{slug}/index.html.</summary>
    private static IEnumerable<(int Statement, string Language, string File)> StatementPages(string directory)
    {
        foreach (var statements in Directory.EnumerateDirectories(directory).Select(d => Path.Combine(d, "statements")).Where(Directory.Exists))
        {
            var language = Path.GetFileName(Path.GetDirectoryName(statements)!);
            foreach (var numbered in Directory.EnumerateDirectories(statements))
            {
                if (!int.TryParse(Path.GetFileName(numbered), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateDirectories(numbered).Select(d => Path.Combine(d, "index.html")).Where(File.Exists))
                {
                    yield return (id, language, file);
                }
            }
        }
    }

    private static IEnumerable<string> Differences(IDocument page, JsonObject record, string directory)
    {
        if (Text(page.QuerySelector("#statement-title")?.TextContent) != Text((string?)record["title"]))
        {
            yield return "title";
        }

        if (Text(page.QuerySelector(".statement-summary")?.TextContent) != Text((string?)record["summary"]))
        {
            yield return "summary";
        }

        var body = page.QuerySelector(".statement-body")?.InnerHtml;
        if (body is null || Text(TextFingerprint.BodyText(body)) != Text(TextFingerprint.BodyText((string?)record["body"] ?? "")))
        {
            yield return "body";
        }

        var signed = (record["attachments"] as JsonArray ?? []).OfType<JsonObject>().Select(a => (string?)a["sha256"]).Order(StringComparer.Ordinal).ToList();
        var shown = page.QuerySelectorAll(".attachment-text a[href]").Select(a => FileHash(directory, a.GetAttribute("href")!)).Order(StringComparer.Ordinal).ToList();
        if (!signed.SequenceEqual(shown))
        {
            yield return "attachments";
        }
    }

    /// <summary>The SHA-256 of the file an attachment link leads to in the mirror (links carry the mirror's base path).</summary>
    private static string? FileHash(string directory, string href)
    {
        var at = href.IndexOf("/attachments/", StringComparison.Ordinal);
        if (at < 0 || MirrorPaths.Map(href[at..]) is not { } target || !File.Exists(Path.Combine(directory, target.File)))
        {
            return null;
        }

        using var stream = File.OpenRead(Path.Combine(directory, target.File));
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Text(string? text) => TextFingerprint.Readable(text);
}
