using System.Net;

namespace Bayan.Tests.Site;

[Collection(DemoSiteDefinition.Name)]
public class SiteTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    [Theory]
    [InlineData("fa-IR,fa;q=0.9,en;q=0.5", "/fa/")]
    [InlineData("ar", "/ar/")]
    [InlineData("de-DE", "/en/")]
    public async Task Root_redirects_to_the_best_language_of_the_browser(string acceptLanguage, string expected)
    {
        using var client = App.CreateClient(acceptLanguage);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task Public_pages_are_answered_from_the_output_cache_once_rendered()
    {
        using var first = await App.Client.GetAsync(new Uri("/ar/statements?page=2", UriKind.Relative));
        using var second = await App.Client.GetAsync(new Uri("/ar/statements?page=2", UriKind.Relative));

        Assert.True(second.Headers.Age.HasValue, "a second request for the same page should come from the cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_answers_200_when_the_database_is_usable()
    {
        using var response = await App.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_no_third_party_references()
    {
        using var response = await App.Client.GetAsync(new Uri("/en/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//(?!" + App.BaseAddress.Authority + ")[^\"]*\\.(css|js|woff2?)", html);
    }

    [Fact]
    public async Task Site_identity_and_language_switcher_appear_on_every_page()
    {
        var page = await App.GetHtmlAsync("/ar/statements");

        Assert.Equal("شبكة سبهر الإنسانية", page.QuerySelector(".brand-name")!.TextContent);
        var languages = page.QuerySelectorAll(".languages a").Select(a => a.GetAttribute("hreflang")).ToList();
        Assert.Equal(["en", "fa", "ar"], languages);
        Assert.Equal("/en/statements", page.QuerySelector(".languages a[hreflang=en]")!.GetAttribute("href"));
        Assert.NotEmpty(page.QuerySelectorAll(".footer-links a"));
    }

    [Fact]
    public async Task Stylesheet_and_fonts_are_served_from_the_site()
    {
        var page = await App.GetHtmlAsync("/fa/");
        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        using var css = await App.Client.GetAsync(new Uri(stylesheet, UriKind.Relative));
        using var font = await App.Client.GetAsync(new Uri("/fonts/NotoSansArabic-Regular.woff2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.OK, font.StatusCode);
    }
}
