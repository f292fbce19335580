using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Bayan.Accounts;
using Bayan.Core;
using Bayan.Data;
using Bayan.Publishing;
using CodeHollow.FeedReader;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bayan.Tests.Feeds;

/// <summary>RSS, Atom and JSON Feed as feed readers get them: parsed back with a widely used feed parser, on a real site.</summary>
public sealed class FeedTests : IAsyncLifetime
{
    private static readonly Actor Editor = new("editor-id", "editor@example.org", new HashSet<string> { Roles.Editor });
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private BayanApp app = null!;

    // The page cache stays on: publishing must reach the feeds through it at once.
    public async Task InitializeAsync() => app = await BayanApp.StartAsync(demo: true, clock, "--Bayan:SchedulerSeconds=60");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/en/feed.rss", FeedType.Rss_2_0)]
    [InlineData("/en/feed.atom", FeedType.Atom)]
    [InlineData("/fa/feed.rss", FeedType.Rss_2_0)]
    [InlineData("/ar/feed.atom", FeedType.Atom)]
    public async Task Each_xml_feed_parses_with_its_entries_links_and_full_text(string url, FeedType type)
    {
        var (body, contentType) = await GetAsync(url);
        var feed = FeedReader.ReadFromString(body);

        Assert.Equal(type, feed.Type);
        Assert.StartsWith(type == FeedType.Atom ? "application/atom+xml" : "application/rss+xml", contentType, StringComparison.Ordinal);
        // The parser reads RSS's language element; Atom's xml:lang is checked on the XML itself.
        Assert.Equal(url[1..3], type == FeedType.Atom ? XDocument.Parse(body).Root!.Attribute(XNamespace.Xml + "lang")!.Value : feed.Language);
        Assert.InRange(feed.Items.Count, 10, 30);
        Assert.All(feed.Items, item =>
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Title));
            Assert.Matches($"^{app.BaseAddress.ToString().TrimEnd('/')}/{url[1..3]}/statements/\\d+$", item.Id);
            Assert.StartsWith(item.Id + "/", item.Link, StringComparison.Ordinal);
            Assert.NotNull(item.PublishingDate);
            Assert.Contains("<p>", type == FeedType.Atom ? item.Content : item.Description, StringComparison.Ordinal);
        });
        var dates = feed.Items.Select(i => i.PublishingDate!.Value).ToList();
        Assert.Equal(dates.OrderDescending(), dates);

        // .NET's own reader, stricter about dates and structure, reads it too.
        using var reader = System.Xml.XmlReader.Create(new StringReader(body));
        var syndication = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
        Assert.Equal(feed.Items.Count, syndication.Items.Count());
    }

    [Fact]
    public async Task Atom_entries_name_their_signatories_categories_and_attachments()
    {
        var atom = XDocument.Parse((await GetAsync("/en/feed.atom")).Body);
        var entry = atom.Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value.StartsWith("Drought on the Dasht plain", StringComparison.Ordinal));

        Assert.Contains(entry.Elements(Atom + "author"), a => a.Element(Atom + "name")!.Value == "Sepehr Humanitarian Network");
        Assert.Contains(entry.Elements(Atom + "category"), c => c.Attribute("scheme")!.Value == "urn:bayan:type");
        var enclosures = entry.Elements(Atom + "link").Where(l => l.Attribute("rel")?.Value == "enclosure").ToList();
        Assert.Equal(2, enclosures.Count);
        Assert.Contains(enclosures, l => l.Attribute("type")!.Value == "application/pdf" && long.Parse(l.Attribute("length")!.Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("en", atom.Root!.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Contains(atom.Root.Elements(Atom + "link"), l => l.Attribute("rel")!.Value == "self" && l.Attribute("href")!.Value.EndsWith("/en/feed.atom", StringComparison.Ordinal));

        // The attachment a feed reader downloads is the one the statement page offers.
        var url = new Uri(enclosures[0].Attribute("href")!.Value);
        using var download = await app.Client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(long.Parse(enclosures[0].Attribute("length")!.Value, System.Globalization.CultureInfo.InvariantCulture), (await download.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Rss_items_carry_enclosures_with_length_and_type()
    {
        var feed = FeedReader.ReadFromString((await GetAsync("/en/feed.rss")).Body);
        var item = (CodeHollow.FeedReader.Feeds.Rss20FeedItem)feed.Items.Single(i => i.Title.StartsWith("Drought on the Dasht plain", StringComparison.Ordinal)).SpecificItem;

        Assert.NotNull(item.Enclosure);
        Assert.True(item.Enclosure.Length > 0);
        Assert.Matches("^(image/|application/pdf)", item.Enclosure.MediaType);
        Assert.Contains("Sepehr Humanitarian Network", item.DC.Creator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_feed_is_version_1_1_with_items_authors_and_attachments()
    {
        var (body, contentType) = await GetAsync("/ar/feed.json");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;

        Assert.StartsWith("application/feed+json", contentType, StringComparison.Ordinal);
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal("ar", root.GetProperty("language").GetString());
        Assert.EndsWith("/ar/feed.json", root.GetProperty("feed_url").GetString(), StringComparison.Ordinal);
        Assert.Contains("سبهر", root.GetProperty("title").GetString(), StringComparison.Ordinal);
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            Assert.False(string.IsNullOrEmpty(item.GetProperty("id").GetString()));
            Assert.True(DateTimeOffset.TryParse(item.GetProperty("date_published").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.NotEmpty(item.GetProperty("authors").EnumerateArray());
            // The sample site has a withdrawn statement: marked in its title and in the extension, and only it.
            Assert.Equal(item.GetProperty("_bayan").GetProperty("withdrawn").GetBoolean(), item.GetProperty("title").GetString()!.StartsWith("مسحوب: ", StringComparison.Ordinal));
        });
        Assert.Contains(items, item => item.GetProperty("_bayan").GetProperty("withdrawn").GetBoolean());
        Assert.Contains(items, item => item.TryGetProperty("attachments", out var attachments)
            && attachments.EnumerateArray().All(a => a.GetProperty("size_in_bytes").GetInt64() > 0 && a.GetProperty("mime_type").GetString()!.Length > 0));
        Assert.Single(FeedReader.ReadFromString(body).Items.Take(1));
    }

    [Fact]
    public async Task Filters_narrow_a_feed_to_one_series_or_one_co_signer_and_unknown_ones_are_404s()
    {
        var series = FeedReader.ReadFromString((await GetAsync("/en/feed.rss?series=announcements")).Body);
        Assert.NotEmpty(series.Items);
        Assert.All(series.Items, item => Assert.Contains("Announcements", item.Categories));
        Assert.Contains("Announcements", series.Title, StringComparison.Ordinal);

        Assert.EndsWith("/en/series/announcements", series.Link, StringComparison.Ordinal);
        var partnerFeed = XDocument.Parse((await GetAsync("/en/feed.atom?org=open-wells")).Body).Root!;
        // The feed stands for the organization's own page, and keeps the archive's address as its id.
        Assert.EndsWith("/en/organizations/open-wells", partnerFeed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value, StringComparison.Ordinal);
        Assert.EndsWith("/en/statements?org=open-wells", partnerFeed.Element(Atom + "id")!.Value, StringComparison.Ordinal);
        var partner = partnerFeed.Elements(Atom + "entry").ToList();
        Assert.NotEmpty(partner);
        Assert.All(partner, entry => Assert.Contains(entry.Elements(Atom + "author"), a => a.Element(Atom + "name")!.Value == "Open Wells Foundation"));

        using var unknown = await app.Client.GetAsync("/en/feed.rss?org=nobody");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var twice = await app.Client.GetAsync("/en/feed.json?type=statement&type=announcement");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Fact]
    public async Task A_reader_that_has_this_version_gets_304()
    {
        using var first = await app.Client.GetAsync("/en/feed.atom");
        var tag = first.Headers.ETag!;
        var modified = first.Content.Headers.LastModified!.Value;
        Assert.Contains("max-age", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, "/en/feed.atom");
        byTag.Headers.IfNoneMatch.Add(tag);
        using var notModified = await app.Client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/en/feed.rss");
        byDate.Headers.IfModifiedSince = modified;
        using var notModifiedEither = await app.Client.SendAsync(byDate);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedEither.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/en/feed.atom");
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"something-else\""));
        using var fresh = await app.Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Listings_and_statement_pages_announce_their_feeds()
    {
        var home = await app.GetHtmlAsync("/en/");
        var links = home.QuerySelectorAll("link[rel=alternate][type]").Select(l => (l.GetAttribute("type"), l.GetAttribute("href"))).ToList();
        Assert.Contains(("application/rss+xml", "/en/feed.rss"), links);
        Assert.Contains(("application/atom+xml", "/en/feed.atom"), links);
        Assert.Contains(("application/feed+json", "/en/feed.json"), links);

        var series = await app.GetHtmlAsync("/fa/series/announcements");
        Assert.Contains(series.QuerySelectorAll("link[rel=alternate][type]"), l => l.GetAttribute("href") == "/fa/feed.atom?series=announcements");

        var statement = await app.GetHtmlAsync((await FirstItemAsync()).Link.Replace(app.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal));
        Assert.Contains(statement.QuerySelectorAll("link[rel=alternate][type]"), l => l.GetAttribute("href") == "/en/feed.rss");
    }

    [Fact]
    public async Task A_correction_keeps_the_entry_id_and_moves_its_updated_date_and_publishing_shows_at_once()
    {
        var before = await FirstItemAsync();
        var id = int.Parse(before.Id[(before.Id.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        // Correct the title (which changes the slug) and publish the correction a day later.
        clock.Advance(TimeSpan.FromDays(1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            var statement = await db.Statements.Include(s => s.Translations).Include(s => s.Signatories).Include(s => s.Tags).AsSplitQuery().SingleAsync(s => s.Id == id);
            var english = statement.Translations.Single(t => t.Language == "en");
            var input = new StatementInput
            {
                Id = id,
                ConcurrencyStamp = statement.ConcurrencyStamp,
                TypeId = statement.TypeId,
                SeriesId = statement.SeriesId,
                SeriesNumber = statement.SeriesNumber,
                Signatories = [.. statement.Signatories.OrderBy(x => x.Position).Select(x => x.OrganizationId)],
                Tags = [.. statement.Tags.Select(t => t.Id)],
                OriginalLanguage = statement.Translations.Single(t => t.IsOriginal).Language,
                Translations = [new TranslationInput { Language = "en", Title = "A corrected title for the feed test", Summary = english.Summary, Body = english.BodySource }],
            };
            Assert.True((await scope.ServiceProvider.GetRequiredService<StatementWriter>().SaveAsync(input, Editor)).Succeeded);
        }

        Assert.True((await PublisherAsync(p => p.PublishChangesAsync(id, Stamp(id), new Dictionary<string, string?> { ["en"] = "Title corrected." }, Editor))).Succeeded);
        var atom = XDocument.Parse((await GetAsync("/en/feed.atom")).Body);
        var entry = atom.Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value == before.Id);
        Assert.Equal("A corrected title for the feed test", entry.Element(Atom + "title")!.Value);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, DateTime.Parse(entry.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.NotEqual(entry.Element(Atom + "published")!.Value, entry.Element(Atom + "updated")!.Value);
    }

    [Fact]
    public async Task A_withdrawn_statement_stays_in_the_feed_and_the_api_marked_as_withdrawn()
    {
        var item = await FirstItemAsync();
        var id = int.Parse(item.Id[(item.Id.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Contains("\"published\"", (await GetAsync($"/api/v1/statements/{id}")).Body, StringComparison.Ordinal);
        var reason = new LocalizedText(new Dictionary<string, string> { ["en"] = "Issued by mistake." });
        Assert.True((await PublisherAsync(p => p.WithdrawAsync(id, Stamp(id), reason, Editor))).Succeeded);

        var rss = FeedReader.ReadFromString((await GetAsync("/en/feed.rss")).Body);
        var withdrawn = rss.Items.Single(i => i.Id == item.Id);
        Assert.StartsWith("Withdrawn: ", withdrawn.Title, StringComparison.Ordinal);
        Assert.Contains("Withdrawn", withdrawn.Categories);
        Assert.Contains("Issued by mistake.", withdrawn.Description, StringComparison.Ordinal);

        using var json = JsonDocument.Parse((await GetAsync("/en/feed.json")).Body);
        var entry = json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == item.Id);
        Assert.True(entry.GetProperty("_bayan").GetProperty("withdrawn").GetBoolean());

        // The API (cached like the feeds) says so at once too.
        using var api = JsonDocument.Parse((await GetAsync($"/api/v1/statements/{id}")).Body);
        Assert.Equal("withdrawn", api.RootElement.GetProperty("status").GetString());
        Assert.Equal("Issued by mistake.", api.RootElement.GetProperty("translations").GetProperty("en").GetProperty("withdrawal_note").GetString());
        Assert.Equal(clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), entry.GetProperty("date_modified").GetString());
    }

    private async Task<FeedItem> FirstItemAsync() => FeedReader.ReadFromString((await GetAsync("/en/feed.rss")).Body).Items[0];

    private async Task<(string Body, string ContentType)> GetAsync(string url)
    {
        using var response = await app.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType!.ToString());
    }

    private string Stamp(int id)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<BayanDb>().Statements.Where(s => s.Id == id).Select(s => s.ConcurrencyStamp).Single();
    }

    private async Task<Outcome> PublisherAsync(Func<Publisher, Task<Outcome>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<Publisher>());
    }
}
