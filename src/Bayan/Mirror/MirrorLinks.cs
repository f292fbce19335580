using System.Text.RegularExpressions;

namespace Bayan.Mirror;

/// <summary>
/// Finds the site's own addresses in what a page, feed or sitemap says, and rewrites them for the mirror. Absolute
/// addresses on the mirror's base URL are found anywhere (canonical links, JSON-LD, feeds, sitemaps, robots.txt);
/// root-relative ones where an attribute holds them: written plainly in HTML, entity-escaped in a feed's HTML content,
/// or backslash-escaped in a JSON feed's.
/// </summary>
public sealed class MirrorLinks
{
    // An address: "/" then anything up to a quote, bracket, space or backslash; "&" only as part of the address
    // (&amp; in markup, \u0026 in JSON), never the start of &quot; that closes an escaped attribute.
    private const string Address = @"/(?!/)(?:[^\s""'<>\\&]|&(?!quot;|lt;|gt;|apos;|\#)|\\u0026)*";
    private const string AttributeStart = @"(?<=\b(?:href|src|poster)=(?:""|'|&quot;|\\""|\\u0022))";

    private readonly Regex pattern;

    public MirrorLinks(Uri baseUrl)
    {
        BaseUrl = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        BasePath = baseUrl.AbsolutePath.TrimEnd('/');
        pattern = new Regex($"(?<absolute>{Regex.Escape(BaseUrl)})(?<address>{Address})|{AttributeStart}(?<address>{Address})", RegexOptions.CultureInvariant);
    }

    /// <summary>The mirror's address without a trailing slash: https://mirror.example.org/statements.</summary>
    public string BaseUrl { get; }

    /// <summary>The path part of the base URL without a trailing slash ("" at a host's root).</summary>
    public string BasePath { get; }

    /// <summary>The site-relative addresses the text links to, as the site would be asked for them.</summary>
    public IReadOnlySet<string> Find(string text) =>
        pattern.Matches(text).Select(m => Unescape(m.Groups["address"].Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The text with each address replaced by its mirror address (left as it was when hrefOf gives null).</summary>
    public string Rewrite(string text, Func<string, string?> hrefOf) => pattern.Replace(text, match =>
    {
        if (hrefOf(Unescape(match.Groups["address"].Value)) is not { } href)
        {
            return match.Value;
        }

        return match.Groups["absolute"].Success ? BaseUrl + href : BasePath + href;
    });

    /// <summary>
    /// An address as written in markup (&amp;), in a feed's escaped HTML (&amp;amp;) or in JSON (\u0026amp;), as the site
    /// would be asked for it.
    /// </summary>
    private static string Unescape(string address)
    {
        address = address.Replace("\\u0026", "&", StringComparison.Ordinal);
        while (address.Contains("&amp;", StringComparison.Ordinal))
        {
            address = address.Replace("&amp;", "&", StringComparison.Ordinal);
        }

        return address;
    }
}
