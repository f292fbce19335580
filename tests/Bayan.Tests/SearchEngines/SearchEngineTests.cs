using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Bayan.Tests.SearchEngines;

/// <summary>What a crawler and a link preview get: robots.txt, the sitemaps, Open Graph and schema.org on the sample site.</summary>
[Collection(DemoSiteDefinition.Name)]
public class SearchEngineTests(DemoSiteFixture site)
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    [Fact]
    public async Task Robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_back_office_and_search_results()
    {
        var robots = await site.App.Client.GetStringAsync("/robots.txt");
        var lines = robots.Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Disallow: /admin", lines);
        Assert.Contains("Disallow: /en/search", lines);
        Assert.Contains("Disallow: /fa/search", lines);
        Assert.Contains($"Sitemap: {site.App.BaseAddress.ToString().TrimEnd('/')}/sitemap.xml", lines);
        Assert.DoesNotContain(lines, l => l == "Disallow: /" || l == "Disallow: /en/statements");
    }

    [Fact]
    public async Task The_sitemap_index_lists_one_sitemap_per_language_and_each_lists_every_public_statement_with_its_translations()
    {
        var index = XDocument.Parse(await site.App.Client.GetStringAsync("/sitemap.xml"));
        var files = index.Root!.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value)).ToList();
        Assert.Equal(["/sitemaps/en-1.xml", "/sitemaps/fa-1.xml", "/sitemaps/ar-1.xml"], files.Select(f => f.AbsolutePath));
        Assert.All(index.Root.Elements(Sitemap + "sitemap"), s => Assert.True(DateTimeOffset.TryParse(s.Element(Sitemap + "lastmod")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _)));

        var english = XDocument.Parse(await site.App.Client.GetStringAsync("/sitemaps/en-1.xml"));
        var urls = english.Root!.Elements(Sitemap + "url").ToList();
        var feed = JsonDocument.Parse(await site.App.Client.GetStringAsync("/en/feed.json"));
        // Everything the feed lists (the newest statements) is in the sitemap, at the same address.
        foreach (var item in feed.RootElement.GetProperty("items").EnumerateArray())
        {
            Assert.Contains(urls, u => u.Element(Sitemap + "loc")!.Value == item.GetProperty("url").GetString());
        }

        Assert.Equal(site.App.BaseAddress.ToString().TrimEnd('/') + "/en/", urls[0].Element(Sitemap + "loc")!.Value);
        var translated = urls.Skip(1).First(u => u.Elements(Xhtml + "link").Count() == 3);
        Assert.Equal(["ar", "en", "fa"], translated.Elements(Xhtml + "link").Select(l => l.Attribute("hreflang")!.Value).Order());
        Assert.Contains(translated.Elements(Xhtml + "link"), l => l.Attribute("href")!.Value == translated.Element(Sitemap + "loc")!.Value);

        // Every address in it answers 200 (a sample: the first few).
        foreach (var url in urls.Take(5))
        {
            using var response = await site.App.Client.GetAsync(new Uri(url.Element(Sitemap + "loc")!.Value).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/robots.txt")]
    [InlineData("/sitemap.xml")]
    [InlineData("/en/feed.rss")]
    [InlineData("/api/v1/tags")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/en/")]
    public async Task What_answers_get_answers_head_without_a_body(string url)
    {
        using var response = await site.App.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/sitemaps/xx-1.xml")]
    [InlineData("/sitemaps/en-2.xml")]
    [InlineData("/sitemaps/en-0.xml")]
    [InlineData("/sitemaps/en.xml")]
    public async Task Sitemaps_that_do_not_exist_are_404s(string url)
    {
        using var response = await site.App.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_statement_page_describes_itself_to_link_previews_and_search_engines()
    {
        var feed = JsonDocument.Parse(await site.App.Client.GetStringAsync("/en/feed.json"));
        var drought = feed.RootElement.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString()!.StartsWith("Drought on the Dasht plain", StringComparison.Ordinal));
        var page = await site.App.GetHtmlAsync(new Uri(drought.GetProperty("url").GetString()!).PathAndQuery);

        string? Meta(string property) => page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");
        Assert.Equal("article", Meta("og:type"));
        Assert.Equal(page.QuerySelector("h1")!.TextContent.Trim(), Meta("og:title"));
        Assert.Equal(page.QuerySelector("meta[name=description]")!.GetAttribute("content"), Meta("og:description"));
        Assert.Equal(page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), Meta("og:url"));
        Assert.Matches("^http://.+/attachments/\\d+/.+\\.(png|jpg|webp)$", Meta("og:image"));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));

        var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("https://schema.org", json.GetProperty("@context").GetString());
        var graph = json.GetProperty("@graph").EnumerateArray().ToList();
        var article = graph.Single(n => n.GetProperty("@type").GetString() == "Article");
        Assert.Equal(page.QuerySelector("h1")!.TextContent.Trim(), article.GetProperty("headline").GetString());
        Assert.Equal("en", article.GetProperty("inLanguage").GetString());
        Assert.Equal(drought.GetProperty("date_published").GetString(), article.GetProperty("datePublished").GetString());
        Assert.Contains(article.GetProperty("author").EnumerateArray(), a => a.GetProperty("name").GetString() == "Sepehr Humanitarian Network");
        Assert.Equal("Sepehr Humanitarian Network", article.GetProperty("publisher").GetProperty("name").GetString());
        var crumbs = graph.Single(n => n.GetProperty("@type").GetString() == "BreadcrumbList").GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal(3, crumbs.Count);
        Assert.Equal(article.GetProperty("url").GetString(), crumbs[^1].GetProperty("item").GetString());
    }

    [Fact]
    public async Task Listings_are_websites_shown_with_the_sites_logo()
    {
        var page = await site.App.GetHtmlAsync("/fa/");

        Assert.Equal("website", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.EndsWith("/logos/sepehr", page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Equal("summary", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Null(page.QuerySelector("script[type='application/ld+json']"));
        Assert.NotNull(page.QuerySelector("link[rel=alternate][hreflang=x-default]"));
    }

    [Fact]
    public async Task A_statement_without_the_default_language_still_names_an_x_default()
    {
        var persianOnly = JsonDocument.Parse(await site.App.Client.GetStringAsync("/api/v1/statements?lang=fa&limit=100")).RootElement
            .GetProperty("items").EnumerateArray().First(i => !i.GetProperty("translations").TryGetProperty("en", out _));
        var url = persianOnly.GetProperty("translations").GetProperty("fa").GetProperty("url").GetString()!;
        var page = await site.App.GetHtmlAsync(new Uri(url).PathAndQuery);

        Assert.Equal(url, page.QuerySelector("link[rel=alternate][hreflang=x-default]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Structured_data_cannot_be_closed_by_a_title()
    {
        var json = Bayan.SearchEngines.StructuredData.Article(new(
            "</script><script>alert(1)</script>", "a & b", "https://example.org/en/statements/1/x", "en",
            DateTime.UnixEpoch, DateTime.UnixEpoch, [], new("Org", "https://example.org/", null), [], []));

        Assert.DoesNotContain("</script>", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("</script><script>alert(1)</script>", JsonDocument.Parse(json).RootElement.GetProperty("@graph")[0].GetProperty("headline").GetString());
    }
}
