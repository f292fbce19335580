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
    /// <param name="ownMedia">The addresses of the files attached to the post: a [gallery] without ids shows them, as WordPress does.</param>
    public static string ToHtml(string content, IReadOnlyDictionary<int, string> attachments, ISet<string> unknownShortcodes, IReadOnlyList<string>? ownMedia = null)
    {
        var isBlocks = BlockComment().IsMatch(content);
        foreach (Match dynamic in SelfClosingBlock().Matches(content))
        {
            // Reusable blocks, latest posts and the like are built when WordPress shows the page: the export has no text for them.
            unknownShortcodes.Add("block " + dynamic.Groups["name"].Value);
        }

        var html = BlockComment().Replace(content, "");
        html = Caption().Replace(html, match =>
        {
            var inner = match.Groups["inner"].Value.Trim();
            var image = LeadingImage().Match(inner);
            var (figure, caption) = image.Success ? (image.Groups["image"].Value, inner[image.Length..].Trim()) : ("", inner);
            if (caption.Length == 0 && CaptionAttribute().Match(match.Value) is { Success: true } attribute)
            {
                // Before WordPress 3.4 the caption was an attribute.
                caption = WebUtility.HtmlEncode(WebUtility.HtmlDecode(attribute.Groups["text"].Value));
            }
            return $"<figure>{figure}<figcaption>{caption}</figcaption></figure>";
        });
        html = Gallery().Replace(html, match =>
        {
            var ids = IdsAttribute().Match(match.Value).Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var urls = ids.Length > 0
                ? ids.Select(id => int.TryParse(id, out var n) ? attachments.GetValueOrDefault(n) : null).OfType<string>()
                : ownMedia ?? [];
            var images = urls.Select(url => $"<img src=\"{WebUtility.HtmlEncode(url)}\" alt=\"\">");
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
    /// wpautop, in short: blank lines separate paragraphs and a single line break inside one is a &lt;br&gt;; block
    /// elements (headings, lists, figures…) stand on their own, &lt;pre&gt; is left exactly as it is, and a line break
    /// inside a tag is only a space.
    /// </summary>
    private static string Paragraphs(string html)
    {
        var kept = new List<string>();
        html = Preformatted().Replace(html.Replace("\r\n", "\n", StringComparison.Ordinal), match =>
        {
            kept.Add(match.Value);
            return $"<pre data-kept=\"{kept.Count - 1}\"></pre>";
        });
        html = Tag().Replace(html, match => match.Value.Replace('\n', ' '));
        var result = new StringBuilder();
        foreach (var chunk in BlankLines().Split(html))
        {
            var lines = chunk.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            var text = new List<string>();
            for (var i = 0; i < lines.Count; i++)
            {
                var open = BlockOpen().Match(lines[i]);
                if (!open.Success)
                {
                    text.Add(lines[i]);
                    continue;
                }

                Flush(text, result);
                // The block runs to the line that closes it (or to the end of the chunk).
                var name = open.Groups["name"].Value;
                var block = new List<string> { lines[i] };
                while (!Closes(block[^1], name) && i + 1 < lines.Count)
                {
                    block.Add(lines[++i]);
                }

                result.Append(string.Join('\n', block)).Append('\n');
            }

            Flush(text, result);
        }

        var output = result.ToString().TrimEnd();
        return KeptPre().Replace(output, match => kept[int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    private static void Flush(List<string> text, StringBuilder result)
    {
        if (text.Count > 0)
        {
            result.Append("<p>").Append(string.Join("<br>\n", text)).Append("</p>\n");
            text.Clear();
        }
    }

    private static bool Closes(string line, string name) =>
        line.Contains($"</{name}>", StringComparison.OrdinalIgnoreCase) || VoidBlock().IsMatch(line);

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

    [GeneratedRegex(@"^<(?<name>p|div|h[1-6]|ul|ol|blockquote|figure|table|pre|dl|section|address|hr)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockOpen();

    [GeneratedRegex(@"^<hr\b[^>]*>$", RegexOptions.IgnoreCase)]
    private static partial Regex VoidBlock();

    [GeneratedRegex(@"<pre\b[\s\S]*?</pre>", RegexOptions.IgnoreCase)]
    private static partial Regex Preformatted();

    [GeneratedRegex(@"<pre data-kept=""(?<index>\d+)""></pre>")]
    private static partial Regex KeptPre();

    [GeneratedRegex(@"<[a-zA-Z/][^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"<!--\s*wp:(?<name>[a-z0-9/-]+)[^>]*?/-->")]
    private static partial Regex SelfClosingBlock();

    [GeneratedRegex(@"\bcaption\s*=\s*""(?<text>[^""]*)""")]
    private static partial Regex CaptionAttribute();
}
