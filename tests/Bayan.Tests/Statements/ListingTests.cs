using Bayan.Core.Statements;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Tests.Statements;

[Collection(DemoSiteDefinition.Name)]
public class ListingTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    [Fact]
    public async Task Home_lists_the_newest_statements_with_everything_a_reader_needs()
    {
        var page = await App.GetHtmlAsync("/en/");

        var entries = page.QuerySelectorAll("article.entry");
        Assert.Equal(10, entries.Length);
        var dates = entries.Select(e => DateTime.Parse(e.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        foreach (var entry in entries)
        {
            var title = entry.QuerySelector(".entry-title a")!;
            Assert.False(string.IsNullOrWhiteSpace(title.TextContent));
            Assert.Equal(title.GetAttribute("href"), entry.QuerySelector("a.read-more")!.GetAttribute("href"));
            Assert.NotEmpty(entry.QuerySelectorAll(".entry-signatories a"));
            Assert.False(string.IsNullOrWhiteSpace(entry.QuerySelector(".entry-label")!.TextContent));
            Assert.False(string.IsNullOrWhiteSpace(entry.QuerySelector(".entry-excerpt")!.TextContent));
        }
    }

    [Fact]
    public async Task Announcements_are_labelled_with_their_series_number()
    {
        var page = await App.GetHtmlAsync("/en/series/announcements");

        var labels = page.QuerySelectorAll(".entry-label").Select(l => l.TextContent).ToList();
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Matches(@"^Announcement No\. \d+$", l));
        Assert.Equal("Announcements", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Persian_listing_is_right_to_left_with_solar_hijri_dates_in_persian_digits()
    {
        var page = await App.GetHtmlAsync("/fa/");

        Assert.Equal("fa", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        var date = page.QuerySelector("article.entry time")!.TextContent;
        Assert.Matches("^[۰-۹]+ [آ-ی]+ ۱۴[۰-۹]{2}$", date);
        Assert.Equal("ادامهٔ مطلب", page.QuerySelector("a.read-more")!.ChildNodes[0].TextContent);
    }

    [Fact]
    public async Task Listing_pages_follow_one_another_and_end_with_a_404()
    {
        var (scope, db) = App.Db();
        await using var _ = scope;
        var count = await db.Statements.CountAsync(s => s.Status == StatementStatus.Published && s.Translations.Any(t => t.Language == "en"));
        var lastPage = (count + 9) / 10;

        var first = await App.GetHtmlAsync("/en/statements");
        Assert.Equal("/en/statements?page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("a[rel=prev]"));

        var last = await App.GetHtmlAsync($"/en/statements?page={lastPage}");
        Assert.Null(last.QuerySelector("a[rel=next]"));
        Assert.NotNull(last.QuerySelector("a[rel=prev]"));
        Assert.Equal(count - ((lastPage - 1) * 10), last.QuerySelectorAll("article.entry").Length);

        await App.GetHtmlAsync($"/en/statements?page={lastPage + 1}", 404);
    }

    [Fact]
    public async Task Filters_combine_and_show_as_removable_chips()
    {
        var page = await App.GetHtmlAsync("/en/statements?type=joint-statement&org=open-wells");

        var entries = page.QuerySelectorAll("article.entry");
        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.Equal("Joint statement", e.QuerySelector(".entry-label")!.TextContent);
            Assert.Contains(e.QuerySelectorAll(".entry-signatories a"), a => a.GetAttribute("href") == "/en/organizations/open-wells");
        });
        var chips = page.QuerySelectorAll(".active-filters a.chip").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/en/statements?org=open-wells", chips);
        Assert.Contains("/en/statements?type=joint-statement", chips);
        Assert.Contains("/en/statements", chips);
        Assert.NotNull(page.QuerySelector("meta[name=robots][content*=noindex]"));
    }

    [Fact]
    public async Task A_filter_with_no_match_shows_a_friendly_empty_state()
    {
        var page = await App.GetHtmlAsync("/en/statements?type=open-letter&series=announcements");

        Assert.Empty(page.QuerySelectorAll("article.entry"));
        Assert.NotNull(page.QuerySelector(".empty-state h2"));
        Assert.Equal("/en/statements", page.QuerySelector(".empty-state a.button")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/en/organizations/open-wells", "Open Wells Foundation")]
    [InlineData("/en/tags/water", "Tag: Water")]
    [InlineData("/fa/series/announcements", "اطلاعیه‌ها")]
    public async Task Organization_series_and_tag_pages_have_their_own_heading(string url, string heading)
    {
        var page = await App.GetHtmlAsync(url);

        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("article.entry"));
        Assert.EndsWith(url, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Year_pages_use_the_calendar_of_the_language()
    {
        var english = await App.GetHtmlAsync("/en/years/2021");
        var persian = await App.GetHtmlAsync("/fa/years/1400");

        Assert.All(english.QuerySelectorAll("article.entry time"), t => Assert.StartsWith("2021-", t.GetAttribute("datetime")));
        Assert.All(persian.QuerySelectorAll("article.entry time"), t => Assert.EndsWith("۱۴۰۰", t.TextContent));
        Assert.NotEmpty(english.QuerySelectorAll("article.entry"));
        Assert.NotEmpty(persian.QuerySelectorAll("article.entry"));
    }

    [Fact]
    public async Task Language_links_carry_a_year_into_the_other_calendar_and_start_from_the_first_page()
    {
        var year = await App.GetHtmlAsync("/en/years/2021");
        var persianYear = await App.GetHtmlAsync("/fa/years/1400");
        var paged = await App.GetHtmlAsync("/en/statements?org=sepehr&page=2");

        // The year that holds most of the other: 1400 runs from March 2021 to March 2022. Both ways, as hreflang needs.
        Assert.Equal("/fa/years/1400", year.QuerySelector(".languages a[hreflang=fa]")!.GetAttribute("href"));
        Assert.Equal("/en/years/2021", persianYear.QuerySelector(".languages a[hreflang=en]")!.GetAttribute("href"));
        Assert.Equal("/ar/years/2021", year.QuerySelector(".languages a[hreflang=ar]")!.GetAttribute("href"));
        Assert.Equal("/fa/statements?org=sepehr", paged.QuerySelector(".languages a[hreflang=fa]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_filtered_archive_is_named_by_its_filters_and_the_menu_marks_where_you_are()
    {
        var page = await App.GetHtmlAsync("/en/statements?type=joint-statement");

        Assert.Equal("Statements: Joint statement", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("/en/statements?type=joint-statement", page.QuerySelector(".main-nav a[aria-current=page]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Every_listing_declares_its_canonical_url_and_translations()
    {
        var page = await App.GetHtmlAsync("/ar/statements?page=2");

        Assert.Equal(new Uri(App.BaseAddress, "/ar/statements?page=2").ToString(), page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")).ToList();
        Assert.Equal(["en", "fa", "ar", "x-default"], alternates);
    }
}
