using Bayan.Core.Languages;
using Bayan.Core.Search;
using Bayan.Core.Statements;
using Bayan.Core.Text;
using Bayan.Data;
using Bayan.Shared;
using Bayan.Statements;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Search;

/// <summary>
/// A reader's search: the index's matches among published statements, narrowed by the archive's filters and a range of
/// years, counted per facet, ranked by relevance or date, one page at a time, with the matched words marked on the text
/// as it was published. The same for every database: only <see cref="ISearchIndex"/> differs.
/// </summary>
public sealed class StatementSearch(BayanDb db, ISearchIndex index)
{
    public const int PageSize = 10;

    /// <summary>Words of body text shown around the first match.</summary>
    private const int SnippetWords = 40;

    public async Task<SearchResults> SearchAsync(
        SearchQuery query, SearchFilter filter, SiteLanguage language, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        if (query.IsEmpty)
        {
            return SearchResults.Empty;
        }

        var matches = Matches(query, filter, language, catalog, ranked: false);
        var total = await matches.CountAsync(cancellationToken);
        if (total == 0)
        {
            return SearchResults.Empty with { Suggestions = await SuggestAsync(query, filter, language, catalog, cancellationToken) };
        }

        var ordered = filter.ByDate
            ? matches.OrderByDescending(m => m.PublishedAt).ThenByDescending(m => m.TranslationId)
            : Matches(query, filter, language, catalog, ranked: true).OrderBy(m => m.Score).ThenByDescending(m => m.PublishedAt);
        var page = await ordered.Skip((filter.Page - 1) * PageSize).Take(PageSize).Select(m => m.TranslationId).ToListAsync(cancellationToken);
        var hits = await HitsAsync(query, page, cancellationToken);
        var facets = await FacetsAsync(matches, language, catalog.TimeZone, cancellationToken);
        return new SearchResults(hits, total, facets, []);
    }

    /// <summary>Matches in every language, for "also found in other languages" when the page's language has fewer.</summary>
    public Task<int> CountAllLanguagesAsync(SearchQuery query, SearchFilter filter, SiteLanguage language, CatalogSnapshot catalog, CancellationToken cancellationToken) =>
        query.IsEmpty ? Task.FromResult(0) : Matches(query, filter with { AllLanguages = true }, language, catalog, ranked: false).CountAsync(cancellationToken);

    private IQueryable<MatchRow> Matches(SearchQuery query, SearchFilter filter, SiteLanguage language, CatalogSnapshot catalog, bool ranked)
    {
        var statements = Candidates(filter, language, catalog);
        // Filters as EXISTS on each match, never a join the planner could turn around into a scan of every statement.
        return from match in index.Match(query, ranked)
               where (filter.AllLanguages || match.Language == language.Code) && statements.Any(s => s.Id == match.StatementId)
               select new MatchRow
               {
                   TranslationId = match.TranslationId,
                   StatementId = match.StatementId,
                   Score = match.Score,
                   PublishedAt = db.Statements.Where(s => s.Id == match.StatementId).Select(s => s.PublishedAt).FirstOrDefault(),
               };
    }

    private IQueryable<Statement> Candidates(SearchFilter filter, SiteLanguage language, CatalogSnapshot catalog)
    {
        var statements = db.Statements.Where(s => s.Status == StatementStatus.Published && s.DeletedAt == null);
        if (filter.Type is { } type && catalog.TypesBySlug.TryGetValue(type, out var statementType))
        {
            statements = statements.Where(s => s.TypeId == statementType.Id);
        }

        if (filter.Series is { } seriesSlug && catalog.SeriesBySlug.TryGetValue(seriesSlug, out var series))
        {
            statements = statements.Where(s => s.SeriesId == series.Id);
        }

        if (filter.Org is { } orgSlug && catalog.OrganizationsBySlug.TryGetValue(orgSlug, out var organization))
        {
            statements = statements.Where(s => s.Signatories.Any(x => x.OrganizationId == organization.Id));
        }

        if (filter.Tag is { } tagSlug && catalog.TagsBySlug.TryGetValue(tagSlug, out var tag))
        {
            statements = statements.Where(s => s.Tags.Any(t => t.Id == tag.Id));
        }

        if (filter.FromYear is { } from)
        {
            var start = ArchiveQuery.YearRange(from, language, catalog.TimeZone).Start;
            statements = statements.Where(s => s.PublishedAt >= start);
        }

        if (filter.ToYear is { } to)
        {
            var end = ArchiveQuery.YearRange(to, language, catalog.TimeZone).End;
            statements = statements.Where(s => s.PublishedAt < end);
        }

        return statements;
    }

    private async Task<IReadOnlyList<SearchHit>> HitsAsync(SearchQuery query, List<int> translationIds, CancellationToken cancellationToken)
    {
        var rows = await db.Translations.AsNoTracking()
            .Where(t => translationIds.Contains(t.Id))
            .Select(t => new
            {
                t.Id,
                t.StatementId,
                t.Language,
                t.Title,
                t.Slug,
                t.Summary,
                t.BodyHtml,
                t.Excerpt,
                PublishedAt = t.Statement.PublishedAt!.Value,
                t.Statement.TypeId,
                t.Statement.SeriesId,
                t.Statement.SeriesNumber,
                Signatories = t.Statement.Signatories.OrderBy(s => s.Position).Select(s => s.OrganizationId).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var marks = await index.MarkAsync(query, translationIds, cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return translationIds.Where(byId.ContainsKey).Select(id =>
        {
            var row = byId[id];
            var marked = marks.GetValueOrDefault(id);
            var title = marked is null ? [new Fragment(row.Title, false)] : Highlighter.Apply(row.Title, marked.Title);
            IReadOnlyList<Fragment> snippet =
                marked is not null && row.Summary is not null && Highlighter.HasMatch(marked.Summary) ? Highlighter.Apply(row.Summary, marked.Summary)
                : marked is not null && Highlighter.HasMatch(marked.Body) ? Highlighter.Apply(Excerpt.PlainText(row.BodyHtml), marked.Body, SnippetWords)
                : [new Fragment(row.Excerpt, false)];
            var inAttachment = marked is not null && Highlighter.HasMatch(marked.Attachments)
                && !Highlighter.HasMatch(marked.Title) && !Highlighter.HasMatch(marked.Summary) && !Highlighter.HasMatch(marked.Body);
            return new SearchHit(
                row.StatementId, row.Language, row.Slug, row.Title, title, snippet, inAttachment,
                row.PublishedAt, row.TypeId, row.SeriesId, row.SeriesNumber, row.Signatories);
        }).ToList();
    }

    private async Task<SearchFacets> FacetsAsync(IQueryable<MatchRow> matches, SiteLanguage language, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var statementIds = matches.Select(m => m.StatementId);
        var matched = db.Statements.Where(s => statementIds.Contains(s.Id));
        var types = await matched.GroupBy(s => s.TypeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var series = await matched.Where(s => s.SeriesId != null).GroupBy(s => s.SeriesId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var organizations = await db.Signatories.Where(x => statementIds.Contains(x.StatementId)).GroupBy(x => x.OrganizationId)
            .Select(g => new { g.Key, Count = g.Select(x => x.StatementId).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var tags = await matched.SelectMany(s => s.Tags).GroupBy(t => t.Id)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        // Days, then years in the page's calendar (a Solar Hijri year starts in March): SQL knows only the Gregorian one.
        // A UTC day is placed by its noon in the site's zone: only a statement published within hours of a new year's
        // midnight can be counted in the year next to the one its year filter gives.
        var days = await matched.GroupBy(s => s.PublishedAt!.Value.Date).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var years = days.GroupBy(d => DateDisplay.Year(SiteTimeZone.ToLocal(d.Key.AddHours(12), zone), language)).ToDictionary(g => g.Key, g => g.Sum(d => d.Count));
        return new SearchFacets(types, series, organizations, tags, years);
    }

    /// <summary>For a search that found nothing: statements with any one of its words, best first.</summary>
    private async Task<IReadOnlyList<Suggestion>> SuggestAsync(
        SearchQuery query, SearchFilter filter, SiteLanguage language, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        var anyWord = query.Relaxed();
        if (anyWord.IsEmpty)
        {
            return [];
        }

        var ids = await Matches(anyWord, filter with { AllLanguages = false }, language, catalog, ranked: true)
            .OrderBy(m => m.Score).Take(5).Select(m => m.TranslationId).ToListAsync(cancellationToken);
        var titles = await db.Translations.Where(t => ids.Contains(t.Id))
            .Select(t => new Suggestion(t.Id, t.StatementId, t.Language, t.Title, t.Slug)).ToListAsync(cancellationToken);
        return ids.Select(id => titles.First(t => t.TranslationId == id)).ToList();
    }

    private sealed class MatchRow
    {
        public int TranslationId { get; init; }

        public int StatementId { get; init; }

        public double Score { get; init; }

        public DateTime? PublishedAt { get; init; }
    }
}

/// <summary>The search page's filters: the archive's, a range of years, all languages or the page's, and the order.</summary>
public sealed record SearchFilter(
    string? Type, string? Series, string? Org, string? Tag, int? FromYear, int? ToYear, bool AllLanguages, bool ByDate, int Page)
{
    public static SearchFilter None { get; } = new(null, null, null, null, null, null, false, false, 1);

    /// <summary>Whether anything narrows the search besides the words.</summary>
    public bool IsFiltered => Type is not null || Series is not null || Org is not null || Tag is not null || FromYear is not null || ToYear is not null;
}

public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, SearchFacets Facets, IReadOnlyList<Suggestion> Suggestions)
{
    public static SearchResults Empty { get; } = new([], 0, SearchFacets.None, []);
}

public sealed record SearchHit(
    int StatementId, string Language, string Slug, string Title, IReadOnlyList<Fragment> MarkedTitle, IReadOnlyList<Fragment> Snippet,
    bool InAttachment, DateTime PublishedAt, int TypeId, int? SeriesId, int? SeriesNumber, IReadOnlyList<int> Signatories);

/// <summary>How many matching statements each filter value would keep.</summary>
public sealed record SearchFacets(
    IReadOnlyDictionary<int, int> Types, IReadOnlyDictionary<int, int> Series, IReadOnlyDictionary<int, int> Organizations,
    IReadOnlyDictionary<int, int> Tags, IReadOnlyDictionary<int, int> Years)
{
    public static SearchFacets None { get; } = new(
        new Dictionary<int, int>(), new Dictionary<int, int>(), new Dictionary<int, int>(), new Dictionary<int, int>(), new Dictionary<int, int>());
}

public sealed record Suggestion(int TranslationId, int StatementId, string Language, string Title, string Slug);
