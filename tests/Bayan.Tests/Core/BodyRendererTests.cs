using Bayan.Core.Text;

namespace Bayan.Tests.Core;

public class BodyRendererTests
{
    [Fact]
    public void Markdown_is_rendered()
    {
        var html = BodyRenderer.Render("### Demands\n\n- **water**\n- [report](https://example.org/r)", BodyFormat.Markdown);

        Assert.Contains("<h3", html);
        Assert.Contains("<strong>water</strong>", html);
        Assert.Contains("href=\"https://example.org/r\"", html);
        Assert.Contains("rel=\"noopener noreferrer\"", html);
    }

    [Fact]
    public void Scripts_handlers_styles_and_javascript_links_are_removed()
    {
        var html = BodyRenderer.Render(
            "<p style=\"color:red\" onclick=\"x()\">Hi<script>alert(1)</script><a href=\"javascript:alert(1)\">x</a><img src=x onerror=alert(1)></p>",
            BodyFormat.Html);

        Assert.DoesNotContain("script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hi", html);
    }

    [Fact]
    public void Raw_html_inside_markdown_is_sanitized_too()
    {
        var html = BodyRenderer.Render("Text\n\n<iframe src=\"https://evil.example\"></iframe>", BodyFormat.Markdown);

        Assert.DoesNotContain("iframe", html);
    }
}
