using System.Net;
using Bayan.Accounts;
using Bayan.Core;
using Bayan.Core.Statements;
using Bayan.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Search;

/// <summary>The search page through HTTP, on the sample site.</summary>
[Collection(DemoSiteDefinition.Name)]
public class SearchPageTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    private static string Url(string lang, string query, string extra = "") => $"/{lang}/search?q={Uri.EscapeDataString(query)}{extra}";

    [Fact]
    public async Task Results_show_a_count_marked_words_facets_and_a_search_box_in_every_header()
    {
        var page = await App.GetHtmlAsync(Url("en", "convoy"));

        Assert.Matches(@"^\d+ statements found$", page.QuerySelector(".search-count")!.TextContent);
        Assert.Contains("convoy", page.QuerySelector(".entries mark")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(page.QuerySelectorAll(".search-facets .facet a"));
        Assert.NotNull(page.QuerySelector("meta[name=robots][content*=noindex]"));

        var home = await App.GetHtmlAsync("/fa/");
        Assert.Equal("/fa/search", home.QuerySelector("header form[role=search]")!.GetAttribute("action"));
        Assert.Equal("/fa/opensearch.xml", home.QuerySelector("link[rel=search]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Persian_typed_with_arabic_letters_finds_persian_text()
    {
        var typedWithArabicLetters = await App.GetHtmlAsync(Url("fa", "كودكان"));
        var typedWithPersianLetters = await App.GetHtmlAsync(Url("fa", "کودکان"));

        Assert.NotEmpty(typedWithArabicLetters.QuerySelectorAll(".entries article"));
        Assert.Equal(typedWithPersianLetters.QuerySelector(".search-count")!.TextContent, typedWithArabicLetters.QuerySelector(".search-count")!.TextContent);
    }

    [Fact]
    public async Task A_filter_narrows_the_results_and_an_unknown_one_is_a_clear_400()
    {
        var all = await App.GetHtmlAsync(Url("en", "convoy"));
        var joint = await App.GetHtmlAsync(Url("en", "convoy", "&type=joint-statement"));
        Assert.True(joint.QuerySelectorAll(".entries article").Length < all.QuerySelectorAll(".entries article").Length);
        Assert.All(joint.QuerySelectorAll(".entry-label"), label => Assert.Equal("Joint statement", label.TextContent));

        await App.GetHtmlAsync(Url("en", "convoy", "&type=no-such-type"), 400);
        await App.GetHtmlAsync(Url("en", "convoy", "&from=abc"), 400);
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("NEAR(convoy attack, 3)")]
    [InlineData("convoy*")]
    [InlineData("title:convoy")]
    [InlineData("^convoy")]
    [InlineData("-")]
    [InlineData("OR AND NOT")]
    [InlineData("'); DROP TABLE Statements; --")]
    [InlineData("convoy \u0000\u0007\u001b")]
    [InlineData("\"\"\"")]
    public async Task Whatever_is_typed_gives_a_page_not_an_error(string query)
    {
        using var response = await App.Client.GetAsync(new Uri(Url("en", query), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Very_long_queries_and_broken_encodings_are_answered_too()
    {
        // Up to the site's address limit a long query is cut to SearchQuery.MaxLength; beyond it, the "address too long" page.
        var longQuery = await App.GetHtmlAsync(Url("en", string.Concat(Enumerable.Repeat("convoy ", 100))));
        Assert.True(longQuery.QuerySelector("#search-q")!.GetAttribute("value")!.Length <= Bayan.Core.Search.SearchQuery.MaxLength);
        using var tenKilobytes = await App.Client.GetAsync(new Uri(Url("en", string.Concat(Enumerable.Repeat("convoy ", 1500))), UriKind.Relative));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tenKilobytes.StatusCode);
        Assert.Contains("This address is too long", await tenKilobytes.Content.ReadAsStringAsync());
        using var brokenUtf8 = await App.Client.GetAsync(new Uri("/en/search?q=%C3%28%FF", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, brokenUtf8.StatusCode);
    }

    [Fact]
    public async Task No_results_offers_help_and_close_titles()
    {
        var page = await App.GetHtmlAsync(Url("en", "convoyz"));
        Assert.Contains("No statement matches", page.QuerySelector(".empty-state h2")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll(".search-suggestions a"));
    }

    [Fact]
    public async Task A_withdrawn_statement_is_not_found_though_its_page_stays()
    {
        var page = await App.GetHtmlAsync(Url("fa", "\"فراخوان جذب داوطلب\""));
        Assert.Empty(page.QuerySelectorAll(".entries article"));
    }

    [Fact]
    public async Task Publishing_makes_a_statement_findable_and_withdrawing_removes_it_at_once()
    {
        var editor = new Actor("search-editor", "Search editor", new HashSet<string> { Roles.Editor });
        var word = "Zarvandeh" + Guid.NewGuid().ToString("N")[..6];
        int id;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<StatementWriter>();
            var saved = await writer.SaveAsync(new StatementInput
            {
                TypeId = 1,
                Signatories = [1],
                OriginalLanguage = "en",
                Translations = [new TranslationInput { Language = "en", Title = $"Water reaches {word}", Body = $"The first tanker reached {word} this morning." }],
            }, editor);
            id = saved.StatementId!.Value;
        }

        Assert.Empty((await App.GetHtmlAsync(Url("en", word))).QuerySelectorAll(".entries article"));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var (db, publisher) = (scope.ServiceProvider.GetRequiredService<Data.BayanDb>(), scope.ServiceProvider.GetRequiredService<Publisher>());
            Assert.True((await publisher.PublishAsync(id, (await db.Statements.FindAsync(id))!.ConcurrencyStamp, editor)).Succeeded);
        }

        var found = await App.GetHtmlAsync(Url("en", word.ToLowerInvariant()));
        Assert.Single(found.QuerySelectorAll(".entries article"));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var (db, publisher) = (scope.ServiceProvider.GetRequiredService<Data.BayanDb>(), scope.ServiceProvider.GetRequiredService<Publisher>());
            Assert.True((await publisher.WithdrawAsync(id, (await db.Statements.FindAsync(id))!.ConcurrencyStamp, LocalizedText.Of("en", "Test."), editor)).Succeeded);
        }

        Assert.Empty((await App.GetHtmlAsync(Url("en", word + " "))).QuerySelectorAll(".entries article"));
        Assert.Equal(StatementStatus.Withdrawn, await StatusAsync(id));
    }

    [Fact]
    public async Task The_opensearch_description_points_at_the_search_page()
    {
        using var response = await App.Client.GetAsync(new Uri("/ar/opensearch.xml", UriKind.Relative));
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = "http://a9.com/-/spec/opensearch/1.1/";

        Assert.Equal("application/opensearchdescription+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("/ar/search?q={searchTerms}", xml.Root!.Element(ns + "Url")!.Attribute("template")!.Value, StringComparison.Ordinal);
        Assert.True(xml.Root.Element(ns + "ShortName")!.Value.Length <= 16);
    }

    private async Task<StatementStatus> StatusAsync(int id)
    {
        var (scope, db) = App.Db();
        await using var _ = scope;
        return (await db.Statements.FindAsync(id))!.Status;
    }
}
