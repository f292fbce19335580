using Ganss.Xss;
using Markdig;

namespace Bayan.Core.Text;

/// <summary>
/// Turns a translation's body source into the HTML readers see. It runs once when a body is saved;
/// pages print the stored result, so rendering and sanitizing never happen per request.
/// </summary>
public static class BodyRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseListExtras()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string Render(string source, BodyFormat format)
    {
        var html = format == BodyFormat.Markdown ? Markdown.ToHtml(source, Pipeline) : source;
        return Sanitize(html);
    }

    public static string Sanitize(string html) => Sanitizer.Sanitize(html).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Styles and classes come from the site's stylesheet, not from bodies: the CSP forbids inline styles.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }
}

/// <summary>A body source with its sanitized HTML and the excerpt cut from it.</summary>
public sealed record RenderedBody(string Source, BodyFormat Format, string Html, string Excerpt)
{
    public static RenderedBody From(string source, BodyFormat format)
    {
        var html = BodyRenderer.Render(source, format);
        return new RenderedBody(source, format, html, Text.Excerpt.FromHtml(html));
    }
}

public enum BodyFormat
{
    Markdown,
    Html,
}
