using Bayan.Core.Search;
using Bayan.Core.Statements;
using Bayan.Search;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Search;

/// <summary>The index and the search over it, on the sample site in a real SQLite file (or PostgreSQL database).</summary>
[Collection(DemoSiteDefinition.Name)]
public class SearchIndexTests(DemoSiteFixture site)
{
    private async Task<SearchResults> SearchAsync(string q, string lang = "en", SearchFilter? filter = null)
    {
        await using var scope = site.App.Services.CreateAsyncScope();
        var languages = scope.ServiceProvider.GetRequiredService<SiteLanguages>();
        var catalog = await scope.ServiceProvider.GetRequiredService<Catalog>().GetAsync();
        return await scope.ServiceProvider.GetRequiredService<StatementSearch>()
            .SearchAsync(SearchQuery.Parse(q), filter ?? SearchFilter.None, languages.Find(lang)!, catalog, default);
    }

    [Fact]
    public async Task Every_published_translation_is_indexed_and_nothing_else()
    {
        var (scope, db) = site.App.Db();
        await using var _ = scope;
        var published = await db.Translations.CountAsync(t => t.IsPublished && t.Statement.Status == StatementStatus.Published);
#if POSTGRES
        var indexed = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM \"SearchEntries\"").SingleAsync();
        var headings = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM \"SearchEntries\" WHERE \"Headings\" <> ''::tsvector").SingleAsync();
#else
        var indexed = await db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM SearchEntries").SingleAsync();
        var headings = await db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM SearchHeadings").SingleAsync();
#endif
        Assert.Equal(published, indexed);
        Assert.Equal(published, headings);
    }

    [Fact]
    public async Task A_word_finds_statements_with_it_marked_in_title_or_snippet()
    {
        var results = await SearchAsync("convoy ");
        Assert.True(results.Total > 0);
        Assert.All(results.Hits, hit => Assert.Contains(hit.MarkedTitle.Concat(hit.Snippet), f => f.Matched));
        Assert.True(results.Facets.Types.Values.Sum() >= 1);
    }

    [Fact]
    public async Task Scoring_titles_and_summaries_only_scores_just_the_matches_there()
    {
        var (scope, db) = site.App.Db();
        await using var _ = scope;
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        var query = SearchQuery.Parse("convoy ");
        var all = await index.MatchAsync(query, default);
        var everywhere = await index.ScoreAsync(query, headingsOnly: false, default);
        var headings = await index.ScoreAsync(query, headingsOnly: true, default);

        Assert.Equal(all, everywhere.Select(m => m.TranslationId).Order());
        Assert.NotEmpty(headings);
        Assert.True(headings.Count < all.Length, "some statements have the word in their text only");
        var ids = headings.Select(m => m.TranslationId).ToList();
        var texts = await db.Translations.Where(t => ids.Contains(t.Id)).Select(t => t.Title + " " + t.Summary).ToListAsync();
        Assert.All(texts, text => Assert.Contains("convoy", text, StringComparison.OrdinalIgnoreCase));
    }

#if POSTGRES
    [Fact]
    public async Task The_text_configuration_stems_english_only_and_keeps_every_word()
    {
        var (scope, db) = site.App.Db();
        await using var _ = scope;
        var vector = await db.Database.SqlQuery<string>($"SELECT to_tsvector('bayan', 'the convoys were running کاروانها')::text AS \"Value\"").SingleAsync();
        Assert.Equal("'convoy':2 'run':4 'the':1 'were':3 'کاروانها':5", vector);
    }
#else
    [Fact]
    public async Task The_page_is_marked_with_the_same_tokenizer_as_the_index()
    {
        var (scope, db) = site.App.Db();
        await using var _ = scope;
        var definitions = await db.Database.SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE name IN ('SearchEntries', 'SearchHeadings')").ToListAsync();
        Assert.Equal(2, definitions.Count);
        Assert.All(definitions, definition => Assert.Contains($"tokenize = '{SqliteSearchIndex.Tokenizer}'", definition, StringComparison.Ordinal));
    }
#endif

    [Fact]
    public async Task A_statement_found_through_a_joined_form_still_has_its_other_words_marked()
    {
        // "آبرسانی" typed without the zero-width non-joiner matches "آب‌رسانی" only through the index's variants.
        var results = await SearchAsync("آبرسانی تانکر ", "fa");

        var hit = Assert.Single(results.Hits, h => h.Title.Contains("تانکر", StringComparison.Ordinal));
        Assert.Contains(hit.MarkedTitle, f => f.Matched && f.Text.Contains("تانکر", StringComparison.Ordinal));
    }
}
