using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Bayan.Core.Languages;
using Bayan.Core.Text;
using Bayan.Mirror;

namespace Bayan.Verification;

/// <summary>
/// Checks what a static mirror's statement pages show against the last signed record of each translation, found in the
/// mirror's own copy of the log: the title and summary as text, the body as markup (the record's HTML with its links
/// rewritten as the mirror rewrites them, so a hidden span or a changed link shows), the withdrawal notice, the
/// signatories, the publication time, and the attached files by their SHA-256. Pages at a statement's short address must
/// only send readers on. Styles and scripts are the mirror's presentation and are not checked.
/// </summary>
public static class MirrorPages
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Adds a problem to <paramref name="audit"/> (made with KeepRecords) for each page that differs; returns the pages checked.</summary>
    public static async Task<int> CheckAsync(string directory, LogAudit audit, CancellationToken cancellationToken)
    {
        var links = StaticMirror.BaseUrlOf(directory) is { } baseUrl
            ? new MirrorLinks(baseUrl)
            : throw new LogSourceException($"{directory} has no readable {StaticMirror.ManifestName}: it was not written by `static-site`.");
        var checkedPages = 0;
        foreach (var (statement, language, file, isShortAddress) in StatementPages(directory))
        {
            var page = Path.GetRelativePath(directory, file);
            using var document = await Parser.ParseDocumentAsync(await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
            if (isShortAddress)
            {
                if (document.QuerySelector("meta[http-equiv=refresh]") is null || document.QuerySelector("article") is not null)
                {
                    audit.Problems.Add($"{page}: a statement's short address must only send readers on to its page; this one shows a page of its own.");
                }

                continue;
            }

            checkedPages++;
            if (!audit.LatestRecords.TryGetValue((statement, language), out var record))
            {
                audit.Problems.Add($"{page}: statement {statement} ({language}) was never signed.");
                continue;
            }

            var (index, _, believed) = audit.Latest[(statement, language)];
            if ((string?)record["state"] == "unpublished")
            {
                audit.Problems.Add($"{page}: shows statement {statement} ({language}), which its last record (entry {index}) says was taken down.");
                continue;
            }

            var differing = Differences(document, record, language, links, directory).ToList();
            if (differing.Count > 0)
            {
                audit.Problems.Add($"{page}: differs from its signed record (entry {index}) in {string.Join(", ", differing)}.");
            }
            else if (!believed)
            {
                audit.Problems.Add($"{page}: its signed record (entry {index}) was signed by a key revoked or out of its validity.");
            }
        }

        return checkedPages;
    }

    /// <summary>Each statement page in the mirror ({lang}/statements/{id}/{slug}/index.html) and short address ({lang}/statements/{id}/index.html).</summary>
    private static IEnumerable<(int Statement, string Language, string File, bool IsShortAddress)> StatementPages(string directory)
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

                if (File.Exists(Path.Combine(numbered, "index.html")))
                {
                    yield return (id, language, Path.Combine(numbered, "index.html"), true);
                }

                foreach (var file in Directory.EnumerateDirectories(numbered).Select(d => Path.Combine(d, "index.html")).Where(File.Exists))
                {
                    yield return (id, language, file, false);
                }
            }
        }
    }

    private static IEnumerable<string> Differences(IDocument page, JsonObject record, string language, MirrorLinks links, string directory)
    {
        if (page.QuerySelector("#statement-title")?.TextContent != (string?)record["title"])
        {
            yield return "title";
        }

        if (page.QuerySelector(".statement-summary")?.TextContent != (string?)record["summary"])
        {
            yield return "summary";
        }

        if (Markup(page.QuerySelector(".statement-body")?.InnerHtml) != Markup(links.Rewrite((string?)record["body"] ?? "", MirrorHref)))
        {
            yield return "body";
        }

        if ((page.QuerySelector(".notice-withdrawn") is not null) != ((string?)record["state"] == "withdrawn"))
        {
            yield return "withdrawal";
        }

        var signatories = page.QuerySelectorAll(".statement-signatories a[href]").Select(a => Slug(a.GetAttribute("href")!, "/organizations/"));
        if (!signatories.SequenceEqual((record["signatories"] as JsonArray ?? []).Select(s => (string?)s)))
        {
            yield return "signatories";
        }

        var published = page.QuerySelector(".statement-dates time");
        if (published?.GetAttribute("datetime") != (string?)record["publishedAt"] || !ShowsDate(published?.TextContent ?? "", (string?)record["publishedAt"], language))
        {
            yield return "publication date";
        }

        var signed = (record["attachments"] as JsonArray ?? []).OfType<JsonObject>().Select(a => (string?)a["sha256"]).Order(StringComparer.Ordinal);
        var shown = page.QuerySelectorAll(".attachment-text a[href]").Select(a => FileHash(directory, a.GetAttribute("href")!)).Order(StringComparer.Ordinal);
        if (!signed.SequenceEqual(shown))
        {
            yield return "attachments";
        }
    }

    /// <summary>
    /// Whether the date readers see is the signed time's date in the page's language — in some time zone, since the site's
    /// own is not in the mirror. Languages other than the standard three are formatted by settings a mirror does not
    /// carry, and are taken as shown.
    /// </summary>
    private static bool ShowsDate(string shown, string? signed, string language) =>
        SiteLanguage.Defaults.FirstOrDefault(l => l.Code == language) is not { } site
        || !DateTime.TryParse(signed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc)
        || new[] { -12, 0, 14 }.Any(hours => DateDisplay.Format(utc.AddHours(hours), site) == shown.Trim());

    /// <summary>Where the mirror points a link of the site (as StaticMirror rewrites them): its file's address, or unchanged.</summary>
    private static string? MirrorHref(string address) =>
        !MirrorPaths.IsServerOnly(address) && MirrorPaths.Map(address) is { TypedByContent: false } target ? target.Href : null;

    /// <summary>HTML as one parser writes it again, so only differences of content count, not of spelling.</summary>
    private static string? Markup(string? html) => html is null ? null : Parser.ParseDocument("<body>" + html.Trim() + "</body>").Body!.InnerHtml;

    /// <summary>The name after <paramref name="prefix"/> in an address (an organization's slug), unescaped.</summary>
    private static string? Slug(string href, string prefix)
    {
        var at = href.IndexOf(prefix, StringComparison.Ordinal);
        return at < 0 ? null : Uri.UnescapeDataString(href[(at + prefix.Length)..].TrimEnd('/').Split('/')[0]);
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
}
