using System.Text;

namespace Bayan.Mirror;

/// <summary>Where one of the site's addresses lives in the mirror: the file written and the address that reaches it.</summary>
/// <param name="File">Relative file path, with real (decoded) names: "fa/statements/3/بیانیه/index.html".</param>
/// <param name="Href">Site-relative address with the names escaped: "/fa/statements/3/%D8%A8…/".</param>
/// <param name="TypedByContent">True for files whose address has no extension (logos): it is added from the content type.</param>
public sealed record MirrorTarget(string File, string Href, bool TypedByContent);

/// <summary>
/// Maps the site's addresses to static files. A static host ignores query strings, so each query part becomes path
/// segments (/en/statements?type=joint-statement&amp;page=2 → /en/statements/type/joint-statement/page/2/); pages become
/// directories with an index.html, which every static host serves at the directory's address.
/// </summary>
public static class MirrorPaths
{
    /// <summary>Endings of the site's files other than pages: feeds, sitemaps, robots.txt, the OpenSearch description.</summary>
    private static readonly HashSet<string> DataExtensions = new(StringComparer.OrdinalIgnoreCase) { ".xml", ".rss", ".atom", ".json", ".txt" };

    /// <summary>Stored and static files, served under these paths whatever their names.</summary>
    private static readonly string[] FilePrefixes = ["/attachments/", "/css/", "/fonts/", "/js/"];

    /// <summary>Files whose addresses carry no extension; the mirror names them by their content type.</summary>
    private static readonly string[] TypedByContentPrefixes = [Shared.SiteLogo.Path, "/logos/"];

    /// <summary>What only a server can answer: the back office, the API, previews, health checks.</summary>
    private static readonly string[] ServerOnlyPrefixes = ["/admin", "/api", "/openapi", "/preview", "/healthz"];

    /// <summary>The cache-busting version on styles (?v=…): kept in the address, not in the file name.</summary>
    private const string VersionKey = "v";

    /// <summary>The mirror's place for a site-relative address, or null when it names something a file system cannot hold.</summary>
    public static MirrorTarget? Map(string address)
    {
        var fragmentAt = address.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentAt >= 0 ? address[fragmentAt..] : "";
        var withoutFragment = fragmentAt >= 0 ? address[..fragmentAt] : address;
        var queryAt = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt >= 0 ? withoutFragment[..queryAt] : withoutFragment;
        var query = queryAt >= 0 ? withoutFragment[(queryAt + 1)..] : "";
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = new List<string>();
        foreach (var escaped in path[1..].Split('/'))
        {
            if (escaped.Length > 0)
            {
                segments.Add(escaped);
            }
        }

        var version = "";
        var queryParts = new List<string>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(equals >= 0 ? pair[..equals] : pair, isQuery: true);
            var value = equals >= 0 ? Unescape(pair[(equals + 1)..], isQuery: true) : "";
            if (key == VersionKey)
            {
                version = "?" + pair;
                continue;
            }

            if (value.Length > 0)
            {
                queryParts.Add(Uri.EscapeDataString(key));
                queryParts.Add(Uri.EscapeDataString(value));
            }
        }

        var isTypedByContent = TypedByContentPrefixes.Any(p => path == p || (p.EndsWith('/') && path.StartsWith(p, StringComparison.Ordinal)));
        var last = segments.Count > 0 ? segments[^1] : "";
        var isFile = isTypedByContent
            || FilePrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal))
            || (segments.Count == 1 && last.Contains('.', StringComparison.Ordinal))
            || (DataExtensions.Contains(Path.GetExtension(Unescape(last))) && !IsStatementPage(segments));

        var directory = isFile ? segments.Take(segments.Count - 1).Concat(queryParts).ToList() : segments.Concat(queryParts).ToList();
        var names = new List<string>();
        foreach (var segment in directory)
        {
            if (SafeName(Unescape(segment)) is not { } name)
            {
                return null;
            }

            names.Add(name);
        }

        var href = new StringBuilder("/");
        foreach (var segment in directory)
        {
            href.Append(segment).Append('/');
        }

        if (isFile)
        {
            if (SafeName(Unescape(last)) is not { } fileName)
            {
                return null;
            }

            names.Add(fileName);
            href.Append(last).Append(version);
        }
        else
        {
            names.Add("index.html");
        }

        return new MirrorTarget(string.Join('/', names), href.Append(fragment).ToString(), isTypedByContent);
    }

    /// <summary>
    /// Addresses a mirror cannot hold because a server must answer them: the back office, the API, previews, search and
    /// the pasted-text check (which mirror pages never link to, but a footer link set in the settings might).
    /// </summary>
    public static bool IsServerOnly(string address)
    {
        var path = address.Split('?', '#')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return ServerOnlyPrefixes.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal))
            || (segments.Length == 2 && segments[1] is "search" or "opensearch.xml" or "verify");
    }

    /// <summary>The public log and keys (docs/verification.md): signed JSON, which the mirror holds byte for byte at the same addresses.</summary>
    public static bool IsSigned(string address) =>
        address.StartsWith("/log/", StringComparison.Ordinal) || address.StartsWith("/.well-known/bayan/", StringComparison.Ordinal);

    /// <summary>A statement page's short address (/en/statements/3 for /en/statements/3/slug), which the site redirects.</summary>
    public static string? ShortAddress(string address)
    {
        var segments = address.Split('?', '#')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        return IsStatementPage(segments) ? $"/{segments[0]}/{segments[1]}/{segments[2]}" : null;
    }

    /// <summary>/{lang}/statements/{id}/{slug}: a page, whatever its slug ends with.</summary>
    private static bool IsStatementPage(List<string> segments) =>
        segments.Count == 4 && segments[1] == "statements" && segments[2].All(char.IsAsciiDigit);

    private static string Unescape(string text, bool isQuery = false)
    {
        try
        {
            return Uri.UnescapeDataString(isQuery ? text.Replace('+', ' ') : text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>A name that stays one file in one directory on every file system the mirror may be copied to.</summary>
    private static string? SafeName(string name) =>
        name.Length == 0 || Encoding.UTF8.GetByteCount(name) > 255 || name is "." or ".." || name.Any(c => c is '/' or '\\' || char.IsControl(c)) ? null : name;
}
