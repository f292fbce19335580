using Bayan.Mirror;

namespace Bayan.Tests.Mirror;

/// <summary>Where the site's addresses land in a static mirror, which ignores query strings and serves directories' index.html.</summary>
public sealed class MirrorPathsTests
{
    [Theory]
    [InlineData("/", "index.html", "/")]
    [InlineData("/en/", "en/index.html", "/en/")]
    [InlineData("/en/statements", "en/statements/index.html", "/en/statements/")]
    [InlineData("/en/statements?page=2", "en/statements/page/2/index.html", "/en/statements/page/2/")]
    [InlineData("/en/statements?type=joint-statement&page=3", "en/statements/type/joint-statement/page/3/index.html", "/en/statements/type/joint-statement/page/3/")]
    [InlineData("/en/statements/12/a-slug#signatories", "en/statements/12/a-slug/index.html", "/en/statements/12/a-slug/#signatories")]
    [InlineData("/en/statements/12/report.json", "en/statements/12/report.json/index.html", "/en/statements/12/report.json/")]
    [InlineData("/fa/statements/3/%D8%A8%DB%8C%D8%A7%D9%86%DB%8C%D9%87", "fa/statements/3/بیانیه/index.html", "/fa/statements/3/%D8%A8%DB%8C%D8%A7%D9%86%DB%8C%D9%87/")]
    [InlineData("/en/feed.atom", "en/feed.atom", "/en/feed.atom")]
    [InlineData("/en/feed.atom?org=open-wells", "en/org/open-wells/feed.atom", "/en/org/open-wells/feed.atom")]
    [InlineData("/sitemaps/en-1.xml", "sitemaps/en-1.xml", "/sitemaps/en-1.xml")]
    [InlineData("/robots.txt", "robots.txt", "/robots.txt")]
    [InlineData("/css/site.css?v=abc", "css/site.css", "/css/site.css?v=abc")]
    [InlineData("/attachments/4/Report%20No.%203", "attachments/4/Report No. 3", "/attachments/4/Report%20No.%203")]
    [InlineData("/en/tags/a%2Bb?tag=x+y", "en/tags/a+b/tag/x y/index.html", "/en/tags/a%2Bb/tag/x%20y/")]
    public void Addresses_become_files_and_links_a_static_host_serves(string address, string file, string href)
    {
        var target = MirrorPaths.Map(address);
        Assert.NotNull(target);
        Assert.Equal((file, href, false), (target.File, target.Href, target.TypedByContent));
    }

    [Theory]
    [InlineData("/site-logo", "site-logo")]
    [InlineData("/logos/open-wells", "logos/open-wells")]
    public void Logos_are_named_by_their_content_type(string address, string file)
    {
        var target = MirrorPaths.Map(address);
        Assert.Equal((file, true), (target?.File, target?.TypedByContent));
    }

    [Theory]
    [InlineData("/en/tags/%2E%2E")]
    [InlineData("/en/tags/a%2Fb")]
    [InlineData("/attachments/1/%00")]
    [InlineData("/en/statements?type=%2E%2E")]
    [InlineData("//elsewhere.example/x")]
    [InlineData("relative/path")]
    public void Addresses_that_would_leave_their_directory_have_no_place(string address) =>
        Assert.Null(MirrorPaths.Map(address));

    [Theory]
    [InlineData("/admin", true)]
    [InlineData("/admin/sign-in", true)]
    [InlineData("/api/v1/statements", true)]
    [InlineData("/preview/abc", true)]
    [InlineData("/en/search?q=water", true)]
    [InlineData("/administration", false)]
    [InlineData("/en/statements", false)]
    [InlineData("/en/tags/search", false)]
    public void Only_a_server_can_answer_the_back_office_the_api_and_search(string address, bool serverOnly) =>
        Assert.Equal(serverOnly, MirrorPaths.IsServerOnly(address));

    [Theory]
    [InlineData("/log/pages/3.json", "log/pages/3.json", true)]
    [InlineData("/log/entries/12.json", "log/entries/12.json", true)]
    [InlineData("/.well-known/bayan/keys.json", ".well-known/bayan/keys.json", true)]
    [InlineData("/en/feed.json", "en/feed.json", false)]
    public void The_log_and_keys_are_kept_byte_for_byte_at_their_own_addresses(string address, string file, bool isSigned)
    {
        Assert.Equal(file, MirrorPaths.Map(address)!.File);
        Assert.Equal(isSigned, MirrorPaths.IsSigned(address));
    }

    [Fact]
    public void A_statement_page_has_a_short_address()
    {
        Assert.Equal("/en/statements/12", MirrorPaths.ShortAddress("/en/statements/12/a-slug"));
        Assert.Null(MirrorPaths.ShortAddress("/en/statements/12"));
        Assert.Null(MirrorPaths.ShortAddress("/en/series/announcements"));
    }

    [Fact]
    public void Links_are_found_and_rewritten_in_markup_feeds_and_json_but_not_in_prose()
    {
        var links = new MirrorLinks(new Uri("https://mirror.example.org/statements/"));
        const string text = """
            <a href="/en/statements?type=x&amp;page=2">next</a> <link rel="canonical" href="https://mirror.example.org/statements/en/statements/1/s">
            <content type="html">&lt;a href=&quot;/attachments/1/a.pdf&quot;&gt; &lt;a href=&quot;/en/statements?type=y&amp;amp;year=2020&quot;&gt;</content>
            {"content_html": "<img src=\"/attachments/2/b.png\"> <a href=\"/en/statements?tag=z\u0026amp;page=2\">"}
            <p>Read 1/2 of it at /en/elsewhere or https://other.example.org/en/.</p>
            """;
        Assert.Equal(
            ["/en/statements?type=x&page=2", "/en/statements/1/s", "/attachments/1/a.pdf", "/en/statements?type=y&year=2020", "/attachments/2/b.png", "/en/statements?tag=z&page=2"],
            links.Find(text).ToList());
        var rewritten = links.Rewrite(text, address => MirrorPaths.Map(address)?.Href);
        Assert.Contains("""href="/statements/en/statements/type/x/page/2/">""", rewritten, StringComparison.Ordinal);
        Assert.Contains("""href="https://mirror.example.org/statements/en/statements/1/s/">""", rewritten, StringComparison.Ordinal);
        Assert.Contains("href=&quot;/statements/attachments/1/a.pdf&quot;", rewritten, StringComparison.Ordinal);
        Assert.Contains("href=&quot;/statements/en/statements/type/y/year/2020/&quot;", rewritten, StringComparison.Ordinal);
        Assert.Contains("""href=\"/statements/en/statements/tag/z/page/2/\">""", rewritten, StringComparison.Ordinal);
        Assert.Contains("""src=\"/statements/attachments/2/b.png\">""", rewritten, StringComparison.Ordinal);
        Assert.Contains("at /en/elsewhere or https://other.example.org/en/.", rewritten, StringComparison.Ordinal);
    }
}
