using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Bayan.Import;

/// <summary>
/// Turns a post's stored content into the HTML WordPress would show: block comments removed, paragraphs made from
/// blank lines in classic posts (wpautop), [caption] and [gallery] as figures, [embed] as a link; other shortcodes
/// are kept as text and reported. The result still goes through Bayan's sanitizer like every body.
/// </summary>
public static partial class WordPressContent
{
    private static readonly HashSet<string> Known = ["caption", "wp_caption", "gallery", "embed"];

    /// <param name="content">The post's content:encoded, as stored.</param>
    /// <param name="attachments">Attachment post ids and their file URLs, for [gallery ids="…"].</param>
    /// <param name="unknownShortcodes">Receives the names of shortcodes left as text.</param>
    public static string ToHtml(string content, IReadOnlyDictionary<int, string> attachments, ISet<string> unknownShortcodes)
    {
        var isBlocks = BlockComment().IsMatch(content);
        var html = BlockComment().Replace(content, "");
        html = Caption().Replace(html, match =>
        {
            var inner = match.Groups["inner"].Value.Trim();
            var image = LeadingImage().Match(inner);
            var (figure, caption) = image.Success ? (image.Groups["image"].Value, inner[image.Length..].Trim()) : ("", inner);
            return $"<figure>{figure}<figcaption>{caption}</figcaption></figure>";
        });
        html = Gallery().Replace(html, match =>
        {
            var ids = IdsAttribute().Match(match.Value).Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var images = ids.Select(id => int.TryParse(id, out var n) && attachments.TryGetValue(n, out var url) ? $"<img src=\"{WebUtility.HtmlEncode(url)}\" alt=\"\">" : "");
            return "<figure class=\"gallery\">" + string.Concat(images) + "</figure>";
        });
        html = Embed().Replace(html, match =>
        {
            var url = match.Groups["url"].Value.Trim();
            return $"<p><a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a></p>";
        });
        foreach (Match shortcode in Shortcode().Matches(html))
        {
            var name = shortcode.Groups["name"].Value;
            if (!Known.Contains(name))
            {
                unknownShortcodes.Add(name);
            }
        }

        return isBlocks ? html.Trim() : Paragraphs(html);
    }

    /// <summary>Whether the source held what the sanitizer will remove (scripts, event handlers, javascript: links).</summary>
    public static bool HasUnsafeHtml(string content) => Unsafe().IsMatch(content);

    /// <summary>
    /// wpautop, in short: blank lines separate paragraphs, a single line break inside one is a &lt;br&gt;, and a chunk that
    /// is already a block (a heading, a list, a figure…) stays as it is.
    /// </summary>
    private static string Paragraphs(string html)
    {
        var result = new StringBuilder();
        foreach (var chunk in BlankLines().Split(html.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            var text = chunk.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            result.Append(BlockStart().IsMatch(text) ? text : "<p>" + text.Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>").Append('\n');
        }

        return result.ToString().TrimEnd();
    }

    [GeneratedRegex(@"<!--\s*/?wp:[\s\S]*?-->")]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"\[(?:wp_)?caption\b[^\]]*\](?<inner>[\s\S]*?)\[/(?:wp_)?caption\]")]
    private static partial Regex Caption();

    [GeneratedRegex(@"^\s*(?<image>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)")]
    private static partial Regex LeadingImage();

    [GeneratedRegex(@"\[gallery\b[^\]]*\]")]
    private static partial Regex Gallery();

    [GeneratedRegex(@"\bids\s*=\s*[""']?(?<ids>[\d,\s]+)")]
    private static partial Regex IdsAttribute();

    [GeneratedRegex(@"\[embed\b[^\]]*\](?<url>[\s\S]*?)\[/embed\]")]
    private static partial Regex Embed();

    [GeneratedRegex(@"\[(?<name>[a-zA-Z][\w-]*)(?:\s[^\]]*)?\]")]
    private static partial Regex Shortcode();

    [GeneratedRegex(@"<script\b|\son[a-z]+\s*=|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex Unsafe();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^<(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|table|pre|hr|dl|section|address)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockStart();
}
