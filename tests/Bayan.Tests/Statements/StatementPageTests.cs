using System.Net;
using Bayan.Core.Statements;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Tests.Statements;

[Collection(DemoSiteDefinition.Name)]
public class StatementPageTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    private async Task<StatementTranslation> FindAsync(Func<IQueryable<StatementTranslation>, IQueryable<StatementTranslation>> where)
    {
        var (scope, db) = App.Db();
        await using var _ = scope;
        return await where(db.Translations.Include(t => t.Statement).Where(t => t.Statement.Status == StatementStatus.Published))
            .OrderBy(t => t.StatementId).FirstAsync();
    }

    [Fact]
    public async Task Read_more_leads_to_the_full_statement()
    {
        var listing = await App.GetHtmlAsync("/en/");
        var href = listing.QuerySelector("a.read-more")!.GetAttribute("href")!;

        var page = await App.GetHtmlAsync(href);

        Assert.Equal(listing.QuerySelector(".entry-title a")!.TextContent, page.QuerySelector("h1")!.TextContent);
        Assert.NotEmpty(page.QuerySelector(".statement-body")!.Children);
        Assert.Equal(new Uri(App.BaseAddress, href).ToString(), page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector(".statement-dates time"));
    }

    [Fact]
    public async Task Wrong_or_missing_slug_redirects_permanently_to_the_canonical_url()
    {
        var translation = await FindAsync(q => q.Where(t => t.Language == "fa"));
        var canonical = $"/fa/statements/{translation.StatementId}/{Uri.EscapeDataString(translation.Slug)}";

        foreach (var url in new[] { $"/fa/statements/{translation.StatementId}", $"/fa/statements/{translation.StatementId}/old-slug" })
        {
            using var response = await App.Client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(canonical, response.Headers.Location!.OriginalString);
        }

        var page = await App.GetHtmlAsync(canonical);
        Assert.Equal(translation.Title, page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Joint_statement_lists_the_lead_organization_first_then_co_signers()
    {
        var translation = await FindAsync(q => q.Where(t => t.Language == "en" && t.Statement.Signatories.Count >= 3));
        var (scope, db) = App.Db();
        await using var _ = scope;
        var expected = await db.Signatories.Where(s => s.StatementId == translation.StatementId).OrderBy(s => s.Position)
            .Select(s => "/en/organizations/" + s.Organization.Slug).ToListAsync();

        var page = await App.GetHtmlAsync($"/en/statements/{translation.StatementId}/{translation.Slug}");

        Assert.Equal(expected, page.QuerySelectorAll(".statement-signatories a").Select(a => a.GetAttribute("href")!).ToList());
        Assert.Contains("lead", page.QuerySelector(".statement-signatories li")!.ClassList);
    }

    [Fact]
    public async Task A_translated_statement_links_its_other_languages_with_hreflang()
    {
        var translation = await FindAsync(q => q.Where(t => t.Language == "ar" && t.Statement.Translations.Count == 3));

        var page = await App.GetHtmlAsync($"/ar/statements/{translation.StatementId}/{Uri.EscapeDataString(translation.Slug)}");

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        var hreflangs = page.QuerySelectorAll("head link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")).Order().ToList();
        Assert.Equal(["ar", "en", "fa", "x-default"], hreflangs);
        Assert.Equal(2, page.QuerySelectorAll(".statement-languages a").Length);
    }

    [Fact]
    public async Task Previous_and_next_link_to_neighbours_in_the_same_language()
    {
        var listing = await App.GetHtmlAsync("/en/statements");
        var links = listing.QuerySelectorAll(".entry-title a").Select(a => a.GetAttribute("href")!).ToList();

        var middle = await App.GetHtmlAsync(links[1]);

        Assert.Equal(links[2], middle.QuerySelector("a.neighbour-older")!.GetAttribute("href"));
        Assert.Equal(links[0], middle.QuerySelector("a.neighbour-newer")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Attachments_show_name_kind_size_and_image_thumbnails()
    {
        var translation = await FindAsync(q => q.Where(t => t.Language == "en" && t.Statement.Attachments.Any(a => a.ContentType == "image/png")));

        var page = await App.GetHtmlAsync($"/en/statements/{translation.StatementId}/{translation.Slug}");

        var attachment = page.QuerySelectorAll(".attachment").First(a => a.QuerySelector("img") is not null);
        var details = attachment.QuerySelector(".attachment-details")!.TextContent;
        Assert.Matches(@"\.png · Image · \d+", details);
        var thumbnail = await App.Client.GetAsync(new Uri(attachment.QuerySelector("img")!.GetAttribute("src")!, UriKind.Relative));
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType!.MediaType);
        var file = await App.Client.GetAsync(new Uri(attachment.QuerySelector(".attachment-text a")!.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await file.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task A_corrected_statement_shows_its_updated_date_and_change_note()
    {
        var translation = await FindAsync(q => q.Where(t => t.Language == "en" && t.Statement.UpdatedAt != null));

        var page = await App.GetHtmlAsync($"/en/statements/{translation.StatementId}/{translation.Slug}");

        Assert.Equal(2, page.QuerySelectorAll(".statement-dates time").Length);
        Assert.NotEmpty(page.QuerySelectorAll(".corrections li"));
    }

    [Fact]
    public async Task A_withdrawn_statement_keeps_its_page_with_the_reason_but_leaves_the_listings()
    {
        var (scope, db) = App.Db();
        await using var _ = scope;
        var withdrawn = await db.Translations.Include(t => t.Statement)
            .FirstAsync(t => t.Statement.Status == StatementStatus.Withdrawn && t.Language == "fa");

        var page = await App.GetHtmlAsync($"/fa/statements/{withdrawn.StatementId}/{Uri.EscapeDataString(withdrawn.Slug)}");
        var listing = await App.GetHtmlAsync($"/fa/years/{Bayan.Core.Text.DateDisplay.Year(withdrawn.Statement.PublishedAt!.Value, Bayan.Core.Languages.SiteLanguage.Persian)}");

        Assert.NotNull(page.QuerySelector(".notice-withdrawn"));
        Assert.True(withdrawn.Statement.WithdrawnAt > withdrawn.Statement.PublishedAt);
        Assert.DoesNotContain(listing.QuerySelectorAll(".entry-title a"), a => a.GetAttribute("href")!.Contains($"/statements/{withdrawn.StatementId}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_statement_missing_in_a_language_is_a_404_that_points_to_its_languages()
    {
        var translation = await FindAsync(q => q.Where(t => t.Language == "en" && t.Statement.Translations.Count == 1));

        var page = await App.GetHtmlAsync($"/fa/statements/{translation.StatementId}/{translation.Slug}", 404);

        Assert.Equal("fa", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("به این زبان موجود نیست", page.QuerySelector("h1")!.TextContent);
        Assert.Equal($"/en/statements/{translation.StatementId}/{translation.Slug}", page.QuerySelector(".elsewhere a")!.GetAttribute("href"));
    }
}
