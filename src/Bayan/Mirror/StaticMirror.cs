using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Bayan.Core.Languages;
using Bayan.Shared;

namespace Bayan.Mirror;

/// <summary>A run that cannot start, with why.</summary>
public sealed class MirrorException(string message) : Exception(message);

/// <summary>What one run wrote and what it could not.</summary>
/// <param name="Pages">The site's pages in the mirror.</param>
/// <param name="Redirects">Pages that send readers on (a statement's short address, the root).</param>
/// <param name="Files">Every file in the mirror: pages, redirects, feeds, sitemaps, attachments, styles.</param>
/// <param name="Written">Files written because they were new or changed.</param>
/// <param name="Deleted">Files of an earlier run that nothing links to any more.</param>
/// <param name="Problems">What failed: the files concerned keep their earlier version, and nothing was deleted.</param>
/// <param name="Notes">Links the mirror cannot serve (the back office, search) and files it left alone.</param>
public sealed record MirrorReport(int Pages, int Redirects, int Files, int Written, int Deleted, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes);

/// <summary>
/// Writes the public site as static files by asking the site itself (in memory, no port) for every address its pages,
/// feeds and sitemaps link to, starting from each language's home page, so the mirror shows exactly what readers see.
/// Links are rewritten for the mirror's base URL. Incremental: a file is written only when its bytes changed, and what
/// an earlier run wrote that nothing links to any more is deleted. The list of what the mirror wrote is kept in
/// .bayan-mirror.json, so files an operator puts beside it (a CNAME, a _headers file) are never touched.
/// </summary>
public sealed partial class StaticMirror
{
    public const string ManifestName = ".bayan-mirror.json";

    /// <summary>The file static hosts (GitHub Pages, Netlify, nginx's error_page) show for a missing address.</summary>
    public const string NotFoundPage = "404.html";

    private readonly HttpClient site;
    private readonly MirrorLinks links;
    private readonly string root;
    private readonly string language;
    private readonly Dictionary<string, string> previous;
    private readonly ConcurrentDictionary<string, string> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> typedFiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> problems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> notes = new(StringComparer.Ordinal);
    private readonly Channel<(string Address, string From)> work = Channel.CreateUnbounded<(string, string)>();
    private int pending;
    private int pages;
    private int redirects;
    private int written;

    /// <param name="site">A client of the site, answering as the mirror's base URL (Bayan:PublicUrl).</param>
    /// <param name="baseUrl">The address the mirror will be served at.</param>
    /// <param name="directory">The mirror's directory: new, empty, or written by an earlier run (see <see cref="CanWriteTo"/>).</param>
    /// <param name="defaultLanguage">The site's default language: the not-found page and redirect pages are in it.</param>
    public StaticMirror(HttpClient site, Uri baseUrl, string directory, SiteLanguage defaultLanguage)
    {
        this.site = site;
        links = new MirrorLinks(baseUrl);
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        language = defaultLanguage.Code;
        previous = ReadManifest(Path.Combine(root, ManifestName));
    }

    /// <summary>A directory is the mirror's when it does not exist yet, is empty, or holds an earlier run's manifest.</summary>
    public static bool CanWriteTo(string directory) =>
        !Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any() || File.Exists(Path.Combine(directory, ManifestName));

    /// <summary>Where the crawl starts: the root, each language's home, archive and feeds, the sitemap and robots.txt.</summary>
    public static IEnumerable<string> Starts(IEnumerable<SiteLanguage> languages)
    {
        yield return "/";
        yield return "/robots.txt";
        yield return "/sitemap.xml";
        foreach (var language in languages)
        {
            yield return Paths.Home(language.Code);
            yield return Paths.Archive(language.Code);
            foreach (var format in Enum.GetValues<Feeds.FeedFormat>())
            {
                yield return Paths.Feed(language.Code, format);
            }
        }
    }

    /// <summary>
    /// Mirrors the site from <paramref name="starts"/>. Files that fail keep their earlier version, and a run with any
    /// failure deletes nothing: a wrong data directory or a missing stored file must never empty a public mirror.
    /// </summary>
    public async Task<MirrorReport> WriteAsync(IEnumerable<string> starts, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        using var runLock = Lock();
        var deleted = 0;
        var complete = false;
        try
        {
            await WriteNotFoundPageAsync(cancellationToken);
            foreach (var start in starts)
            {
                Enqueue(start, "the start");
            }

            if (pending == 0)
            {
                work.Writer.TryComplete();
            }

            var workers = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount * 2)).Select(_ => WorkAsync(cancellationToken));
            await Task.WhenAll(workers);
            complete = problems.IsEmpty;
            if (complete)
            {
                deleted = DeleteLeftovers();
            }
        }
        finally
        {
            // After a failed or interrupted run the list still names what earlier runs wrote, so a later run cleans up.
            WriteManifest(complete ? files : previous.Concat(files).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        }

        return new MirrorReport(pages, redirects, files.Count, written, deleted,
            [.. problems.Values.Order(StringComparer.Ordinal)], [.. notes.Values.Order(StringComparer.Ordinal)]);
    }

    /// <summary>One run at a time per directory: a second is refused while the first holds the lock file.</summary>
    private FileStream Lock()
    {
        try
        {
            return new FileStream(Path.Combine(root, ".bayan-mirror.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new MirrorException($"Another static-site run is writing {root} now; wait for it to finish.");
        }
    }

    private void Enqueue(string address, string from)
    {
        var withoutFragment = address.Split('#')[0];
        if (queued.TryAdd(withoutFragment, 0))
        {
            Interlocked.Increment(ref pending);
            work.Writer.TryWrite((withoutFragment, from));
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        await foreach (var (address, from) in work.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await MirrorAsync(address, from, cancellationToken);
            }
            finally
            {
                if (Interlocked.Decrement(ref pending) == 0)
                {
                    work.Writer.TryComplete();
                }
            }
        }
    }

    private async Task MirrorAsync(string address, string from, CancellationToken cancellationToken)
    {
        if (MirrorPaths.Map(address) is not { } target)
        {
            Note(address, from, "the address cannot be a file name");
            return;
        }

        if (target.TypedByContent)
        {
            await TypedFileHrefAsync(address, from, cancellationToken);
            return;
        }

        using var response = await site.GetAsync(address, cancellationToken);
        if (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.RedirectKeepVerb or HttpStatusCode.PermanentRedirect
            && response.Headers.Location is { } location)
        {
            WriteFile(target.File, Encoding.UTF8.GetBytes(RedirectPage(RedirectHref(location, address))));
            Interlocked.Increment(ref redirects);
            return;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            Report(address, from, $"the site answered {(int)response.StatusCode}");
            return;
        }

        WriteFile(target.File, await ContentAsync(response, address, cancellationToken));
        // The short address people cite (and the feeds' ids) reaches the statement in the mirror too. The site answers
        // it with a redirect to this page, so the mirror's page that redirects is written without asking.
        if (MirrorPaths.ShortAddress(address) is { } shortAddress && queued.TryAdd(shortAddress, 0))
        {
            WriteFile(MirrorPaths.Map(shortAddress)!.File, Encoding.UTF8.GetBytes(RedirectPage(links.BaseUrl + target.Href)));
            Interlocked.Increment(ref redirects);
        }
    }

    /// <summary>What to write for an answer: text with its links rewritten (and followed), anything else as it came.</summary>
    private async Task<byte[]> ContentAsync(HttpResponseMessage response, string address, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (mediaType == "text/css")
        {
            // Styles name their fonts relative to themselves; the mirror keeps the same layout, so only follow them.
            var css = await response.Content.ReadAsStringAsync(cancellationToken);
            foreach (var url in StyleUrls().Matches(css).Select(m => m.Groups["url"].Value).Where(u => !u.StartsWith("data:", StringComparison.Ordinal)))
            {
                Enqueue(new Uri(new Uri(new Uri("http://mirror"), address), url).PathAndQuery, address);
            }

            return Encoding.UTF8.GetBytes(css);
        }

        if (!IsText(mediaType))
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        if (MirrorPaths.IsSigned(address))
        {
            // Signed bytes stay as they are (a rewritten link in a record's body would break its signature); the log's
            // pages link each other, and those links are followed so the mirror holds the whole log.
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            foreach (var link in links.Find(Encoding.UTF8.GetString(bytes)).Where(MirrorPaths.IsSigned))
            {
                Enqueue(link, address);
            }

            return bytes;
        }

        if (mediaType == "text/html")
        {
            Interlocked.Increment(ref pages);
        }

        return Encoding.UTF8.GetBytes(await RewriteAsync(await response.Content.ReadAsStringAsync(cancellationToken), address, cancellationToken));
    }

    private static bool IsText(string mediaType) =>
        mediaType is "text/html" or "text/plain" or "application/json" or "application/xml" or "text/xml"
        || (mediaType.StartsWith("application/", StringComparison.Ordinal) && (mediaType.EndsWith("+xml", StringComparison.Ordinal) || mediaType.EndsWith("+json", StringComparison.Ordinal)));

    /// <summary>Rewrites the site's addresses in a text for the mirror, queueing each for its own visit.</summary>
    private async Task<string> RewriteAsync(string text, string from, CancellationToken cancellationToken)
    {
        var hrefs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var address in links.Find(text))
        {
            var target = MirrorPaths.Map(address);
            if (MirrorPaths.IsServerOnly(address))
            {
                Note(address, from, "only the live site can answer it");
                hrefs[address] = null;
            }
            else if (target is null)
            {
                Note(address, from, "the address cannot be a file name");
                hrefs[address] = null;
            }
            else if (target.TypedByContent)
            {
                hrefs[address] = await TypedFileHrefAsync(address, from, cancellationToken);
            }
            else
            {
                hrefs[address] = target.Href;
                Enqueue(address, from);
            }
        }

        return links.Rewrite(text, address => hrefs.GetValueOrDefault(address));
    }

    /// <summary>A logo's mirror address, named by its content type; fetched (once) before the page linking it is written.</summary>
    private Task<string?> TypedFileHrefAsync(string address, string from, CancellationToken cancellationToken) =>
        typedFiles.GetOrAdd(address, _ => new Lazy<Task<string?>>(() => MirrorTypedFileAsync(address, from, cancellationToken))).Value;

    private async Task<string?> MirrorTypedFileAsync(string address, string from, CancellationToken cancellationToken)
    {
        var target = MirrorPaths.Map(address)!;
        using var response = await site.GetAsync(address, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Report(address, from, $"the site answered {(int)response.StatusCode}");
            return null;
        }

        var extension = response.Content.Headers.ContentType?.MediaType switch
        {
            "image/svg+xml" => ".svg",
            "image/png" => ".png",
            "image/jpeg" => ".jpg",
            "image/webp" => ".webp",
            "image/gif" => ".gif",
            _ => "",
        };
        WriteFile(target.File + extension, await response.Content.ReadAsByteArrayAsync(cancellationToken));
        return target.Href + extension;
    }

    /// <summary>The page static hosts show for a missing address: the site's own not-found page in the default language.</summary>
    private async Task WriteNotFoundPageAsync(CancellationToken cancellationToken)
    {
        const string missing = "/bayan-mirror-missing-page";
        using var response = await site.GetAsync($"/{language}{missing}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound || response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            Report(NotFoundPage, null, $"the site answered {(int)response.StatusCode} for a missing page");
            return;
        }

        var page = await RewriteAsync(await response.Content.ReadAsStringAsync(cancellationToken), NotFoundPage, cancellationToken);
        WriteFile(NotFoundPage, Encoding.UTF8.GetBytes(page));
    }

    /// <summary>Where a redirect leads in the mirror: the site's own addresses mapped (and visited), others as they are.</summary>
    private string RedirectHref(Uri location, string from)
    {
        var address = location.IsAbsoluteUri
            ? location.AbsoluteUri.StartsWith(links.BaseUrl + "/", StringComparison.Ordinal) ? location.AbsoluteUri[links.BaseUrl.Length..] : null
            : location.OriginalString;
        if (address is null)
        {
            return location.AbsoluteUri;
        }

        if (MirrorPaths.IsServerOnly(address) || MirrorPaths.Map(address) is not { TypedByContent: false } target)
        {
            return links.BaseUrl + address;
        }

        Enqueue(address, from);
        return links.BaseUrl + target.Href;
    }

    /// <summary>A static host cannot answer 301; a page that sends the reader on (and tells search engines where) can.</summary>
    private string RedirectPage(string href)
    {
        var encoded = WebUtility.HtmlEncode(href);
        return $"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head>
              <meta charset="utf-8">
              <title>{encoded}</title>
              <meta http-equiv="refresh" content="0; url={encoded}">
              <meta name="robots" content="noindex">
              <link rel="canonical" href="{encoded}">
            </head>
            <body>
              <p><a href="{encoded}">{encoded}</a></p>
            </body>
            </html>

            """;
    }

    /// <remarks>Synchronous: for tens of thousands of small files, the thread pool's round trips cost more than the writes.</remarks>
    private void WriteFile(string file, byte[] content)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!files.TryAdd(file, hash))
        {
            // Two addresses for one file (/css/site.css with and without its version): written once.
            return;
        }

        var path = Path.GetFullPath(Path.Combine(root, file));
        if (!path.StartsWith(root, StringComparison.Ordinal) || ThroughLink(path))
        {
            files.TryRemove(file, out _);
            Report(file, null, "outside the mirror's directory, or reached through a symbolic link: not written");
            return;
        }

        if (!previous.ContainsKey(file) && File.Exists(path))
        {
            // Not ours: an operator's own robots.txt or 404.html stays as it is.
            files.TryRemove(file, out _);
            Note(file, null, "left alone: the file is there and an earlier run did not write it");
            return;
        }

        if (previous.GetValueOrDefault(file) == hash && new FileInfo(path) is { Exists: true } existing && existing.Length == content.Length)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Written beside and moved over, so a server reading the mirror meanwhile never sees half a file.
            var temporary = path + ".bayan-partial";
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, path, overwrite: true);
            Interlocked.Increment(ref written);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            files.TryRemove(file, out _);
            Report(file, null, exception.Message);
        }
    }

    /// <summary>
    /// Whether any folder between the mirror's directory and this path (or the file itself) is a symbolic link: whoever
    /// can write in the mirror must not be able to make a run write or delete elsewhere.
    /// </summary>
    private bool ThroughLink(string path)
    {
        for (var current = path; current.Length >= root.Length; current = Path.GetDirectoryName(current)!)
        {
            if (new FileInfo(current).LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Something failed; said once per address (a footer link is on every page).</summary>
    private void Report(string address, string? from, string reason) =>
        problems.TryAdd(address, from is null ? $"{address}: {reason}" : $"{address} (linked from {from}): {reason}");

    /// <summary>Something the mirror leaves out by design, said once per address.</summary>
    private void Note(string address, string? from, string reason) =>
        notes.TryAdd(address, from is null ? $"{address}: {reason}" : $"{address} (linked from {from}): {reason}");

    /// <summary>Deletes what the last run wrote and this one did not, and the directories that leaves empty.</summary>
    private int DeleteLeftovers()
    {
        var deleted = 0;
        foreach (var file in previous.Keys.Where(f => !files.ContainsKey(f)))
        {
            var path = Path.GetFullPath(Path.Combine(root, file));
            if (!path.StartsWith(root, StringComparison.Ordinal) || ThroughLink(path) || !File.Exists(path))
            {
                continue;
            }

            File.Delete(path);
            deleted++;
            for (var directory = Path.GetDirectoryName(path); directory is not null && directory.Length >= root.Length
                && !Directory.EnumerateFileSystemEntries(directory).Any(); directory = Path.GetDirectoryName(directory))
            {
                Directory.Delete(directory);
            }
        }

        return deleted;
    }

    private void WriteManifest(IEnumerable<KeyValuePair<string, string>> written)
    {
        var manifest = new Manifest(links.BaseUrl + "/", new SortedDictionary<string, string>(written.ToDictionary(), StringComparer.Ordinal));
        var path = Path.Combine(root, ManifestName);
        File.WriteAllBytes(path + ".bayan-partial", JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson));
        File.Move(path + ".bayan-partial", path, overwrite: true);
    }

    /// <summary>The base URL a mirror was written for, from its manifest; null when it has none or it is unreadable.</summary>
    public static Uri? BaseUrlOf(string directory)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(Path.Combine(directory, ManifestName)), ManifestJson);
            return Uri.TryCreate(manifest?.BaseUrl, UriKind.Absolute, out var url) ? url : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ReadManifest(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(path), ManifestJson)?.Files.ToDictionary(StringComparer.Ordinal) ?? [];
        }
        catch (JsonException)
        {
            // A damaged list only costs rewriting every file; leftovers it named stay until removed by hand.
            return [];
        }
    }

    private static readonly JsonSerializerOptions ManifestJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private sealed record Manifest(string BaseUrl, IDictionary<string, string> Files);

    [GeneratedRegex("""url\(\s*["']?(?<url>[^"')]+)["']?\s*\)""")]
    private static partial Regex StyleUrls();
}
