using Bayan.Core.Languages;
using Bayan.Core.Search;
using Bayan.Core.Statements;
using Bayan.Core.Text;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Search;

/// <summary>
/// A reader's search: the index's matches among published statements, narrowed by the archive's filters and a range of
/// years, counted per facet, ranked by relevance or date, one page at a time, with the matched words marked on the text
/// as it was published. The index only matches and scores (<see cref="ISearchIndex"/>, one per database); everything
/// else is one pass over the matches with the facts kept in memory (<see cref="SearchFacts"/>), so a word found in a
/// hundred thousand statements is counted and faceted in milliseconds, the same way for every database.
/// </summary>
public sealed class StatementSearch([FromKeyedServices(PublicReads.Key)] BayanDb db, [FromKeyedServices(PublicReads.Key)] ISearchIndex index, SearchFacts facts, RecentMatches recent)
{
    public const int PageSize = 10;

    /// <summary>
    /// Above this many matches only those with the words in the title or summary are scored and the others follow, newest
    /// first: scoring costs about a microsecond a match, and when a word is in one statement in ten, how often a body
    /// repeats it says little about what the reader wants.
    /// </summary>
    public const int FullScoringLimit = 10_000;

    /// <summary>How much more a match counts when the reader's words stand side by side in it, as typed.</summary>
    private const float AdjacencyFactor = 2;

    /// <summary>Words of body text shown around the first match.</summary>
    private const int SnippetWords = 40;

    private const int SuggestionCount = 5;

    public async Task<SearchResults> SearchAsync(
        SearchQuery query, SearchFilter filter, SiteLanguage language, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        if (query.IsEmpty)
        {
            return SearchResults.Empty;
        }

        var snapshot = await facts.GetAsync(cancellationToken);
        // One connection for the whole search (EF Core closes it with the context): each opening registers EF Core's SQL
        // functions on it again, and the handles that leaves behind cost the finalizer more than the queries cost.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var matches = await MatchesAsync(snapshot, query, scored: !filter.ByDate, cancellationToken);
        var selection = Select(snapshot, matches, filter, language, catalog, withFacets: true);
        if (selection.Kept.Count == 0)
        {
            return SearchResults.Empty with
            {
                AllLanguagesTotal = selection.AllLanguages,
                Suggestions = await SuggestAsync(snapshot, query, filter, language, catalog, cancellationToken),
            };
        }

        var page = Top(selection.Kept, matches, snapshot, filter.ByDate, (filter.Page - 1) * PageSize, PageSize);
        var hits = await HitsAsync(query, snapshot, page, cancellationToken);
        return new SearchResults(hits, selection.Kept.Count, selection.Facets!, [], selection.AllLanguages);
    }

    /// <summary>The years with published statements, newest first, for the from/to lists (from memory, as facets count them).</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(SiteLanguage language, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        (await facts.GetAsync(cancellationToken)).YearsWithStatements(zone, language);

    private async Task<MatchSet> MatchesAsync(FactsSnapshot snapshot, SearchQuery query, bool scored, CancellationToken cancellationToken)
    {
        var set = recent.Find(snapshot, query) ?? recent.Keep(snapshot, query, new MatchSet(await index.MatchAsync(query, cancellationToken)));
        if (scored && set.Scores is null)
        {
            var scores = new float[set.Ids.Length];
            Array.Fill(scores, float.PositiveInfinity);
            foreach (var match in await index.ScoreAsync(query, headingsOnly: set.Ids.Length > FullScoringLimit, cancellationToken))
            {
                // A statement published between the two queries is not among the ids: it waits for the next search.
                if (Array.BinarySearch(set.Ids, match.TranslationId) is var at and >= 0)
                {
                    scores[at] = (float)match.Score;
                }
            }

            if (set.Ids.Length <= FullScoringLimit && query.AsPhrase() is { } phrase)
            {
                // Words typed together count for more where they stand together: those matches' scores are doubled
                // (bm25 scores are negative, lower is better). Above the limit this second pass is left out, like scoring.
                foreach (var id in await index.MatchAsync(phrase, cancellationToken))
                {
                    if (Array.BinarySearch(set.Ids, id) is var at and >= 0)
                    {
                        scores[at] *= AdjacencyFactor;
                    }
                }
            }

            set.Scores = scores;
        }

        return set;
    }

    /// <summary>
    /// The one pass: which matches the filters keep (by position in <paramref name="matches"/>), how many there are in every
    /// language, and the facet counts of the statements kept (each statement once, however many of its languages match).
    /// </summary>
    private static Selection Select(
        FactsSnapshot snapshot, MatchSet matches, SearchFilter filter, SiteLanguage language, CatalogSnapshot catalog, bool withFacets)
    {
        var criteria = Criteria.Of(filter, catalog);
        var years = snapshot.Years(catalog.TimeZone, language);
        var wanted = snapshot.LanguageNumber(language.Code);
        var facets = withFacets ? new FacetTally() : null;
        var counted = filter.AllLanguages ? new HashSet<int>() : null;
        var kept = new List<int>();
        var allLanguages = 0;
        var ids = matches.Ids;
        for (var i = 0; i < ids.Length; i++)
        {
            if (!snapshot.TryGet(ids[i], out var statementId, out var translationLanguage))
            {
                continue;
            }

            ref readonly var statement = ref snapshot[statementId];
            var year = years[statementId];
            if (!criteria.Keeps(statement, year))
            {
                continue;
            }

            allLanguages++;
            if (!filter.AllLanguages && translationLanguage != wanted)
            {
                continue;
            }

            kept.Add(i);
            if (counted is null || counted.Add(statementId))
            {
                facets?.Add(statement, year);
            }
        }

        return new Selection(kept, allLanguages, facets?.ToFacets());
    }

    /// <summary>
    /// The matches from <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> in order, by relevance
    /// (then newest first) or by date, keeping only that many of the best in a heap rather than sorting them all.
    /// </summary>
    private static List<int> Top(List<int> kept, MatchSet matches, FactsSnapshot snapshot, bool byDate, int skip, int take)
    {
        var wanted = Math.Min(kept.Count, skip + take);
        if (skip >= wanted)
        {
            return [];
        }

        // The heap's first element is the worst of the best so far: the one a better match pushes out.
        var best = new PriorityQueue<int, RankKey>(wanted + 1, RankKey.WorstFirst);
        foreach (var position in kept)
        {
            var id = matches.Ids[position];
            snapshot.TryGet(id, out var statementId, out _);
            var key = new RankKey(byDate || matches.Scores is null ? 0 : matches.Scores[position], snapshot[statementId].PublishedAt.Ticks, id);
            if (best.Count < wanted)
            {
                best.Enqueue(id, key);
            }
            else if (best.TryPeek(out _, out var worst) && RankKey.WorstFirst.Compare(key, worst) > 0)
            {
                best.DequeueEnqueue(id, key);
            }
        }

        var ordered = new int[best.Count];
        for (var i = ordered.Length - 1; i >= 0; i--)
        {
            ordered[i] = best.Dequeue();
        }

        return ordered.Skip(skip).ToList();
    }

    private async Task<IReadOnlyList<SearchHit>> HitsAsync(
        SearchQuery query, FactsSnapshot snapshot, List<int> translationIds, CancellationToken cancellationToken)
    {
        // Checked again here: the matches may be from a moment before a withdrawal (a search under way, another server).
        var rows = await db.Translations.AsNoTracking()
            .Where(t => translationIds.Contains(t.Id) && t.IsPublished && t.Statement.Status == StatementStatus.Published && t.Statement.DeletedAt == null)
            .Select(t => new { t.Id, t.StatementId, t.Language, t.Title, t.Slug, t.Summary, t.BodyHtml, t.Excerpt })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var marks = await index.MarkAsync(query, translationIds, cancellationToken);
        return translationIds.Where(rows.ContainsKey).Select(id =>
        {
            var row = rows[id];
            ref readonly var statement = ref snapshot[row.StatementId];
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
                statement.PublishedAt, statement.TypeId, statement.SeriesId, statement.SeriesNumber, statement.Organizations);
        }).ToList();
    }

    /// <summary>For a search that found nothing: statements with any one of its words, best first.</summary>
    private async Task<IReadOnlyList<Suggestion>> SuggestAsync(
        FactsSnapshot snapshot, SearchQuery query, SearchFilter filter, SiteLanguage language, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        var anyWord = query.Relaxed();
        if (anyWord.IsEmpty)
        {
            return [];
        }

        var matches = await MatchesAsync(snapshot, anyWord, scored: true, cancellationToken);
        var selection = Select(snapshot, matches, filter with { AllLanguages = false }, language, catalog, withFacets: false);
        var ids = Top(selection.Kept, matches, snapshot, byDate: false, 0, SuggestionCount);
        var titles = await db.Translations.Where(t => ids.Contains(t.Id) && t.IsPublished && t.Statement.Status == StatementStatus.Published && t.Statement.DeletedAt == null)
            .Select(t => new Suggestion(t.Id, t.StatementId, t.Language, t.Title, t.Slug)).ToListAsync(cancellationToken);
        return ids.SelectMany(id => titles.Where(t => t.TranslationId == id)).ToList();
    }

    private sealed record Selection(List<int> Kept, int AllLanguages, SearchFacets? Facets);

    /// <summary>The filters as ids and years, checked against each matching statement's facts.</summary>
    private sealed record Criteria(int? TypeId, int? SeriesId, int? OrganizationId, int? TagId, int? FromYear, int? ToYear)
    {
        public static Criteria Of(SearchFilter filter, CatalogSnapshot catalog) => new(
            filter.Type is { } type && catalog.TypesBySlug.TryGetValue(type, out var t) ? t.Id : null,
            filter.Series is { } series && catalog.SeriesBySlug.TryGetValue(series, out var s) ? s.Id : null,
            filter.Org is { } org && catalog.OrganizationsBySlug.TryGetValue(org, out var o) ? o.Id : null,
            filter.Tag is { } tag && catalog.TagsBySlug.TryGetValue(tag, out var g) ? g.Id : null,
            filter.FromYear,
            filter.ToYear);

        public bool Keeps(in StatementFacts statement, int year) =>
            (TypeId is not { } type || statement.TypeId == type)
            && (SeriesId is not { } series || statement.SeriesId == series)
            && (OrganizationId is not { } organization || Array.IndexOf(statement.Organizations, organization) >= 0)
            && (TagId is not { } tag || Array.IndexOf(statement.Tags, tag) >= 0)
            && (FromYear is not { } from || year >= from)
            && (ToYear is not { } to || year <= to);
    }

    /// <summary>
    /// How a match ranks: by score (lower is better; all 0 when ordering by date), then newest first, then the later
    /// translation first, so the order is the same on every page.
    /// </summary>
    private readonly record struct RankKey(float Score, long Ticks, int TranslationId)
    {
        public static readonly Comparer<RankKey> WorstFirst = Comparer<RankKey>.Create((a, b) =>
            a.Score != b.Score ? b.Score.CompareTo(a.Score)
            : a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks)
            : a.TranslationId.CompareTo(b.TranslationId));
    }

    /// <summary>Facet counts in arrays indexed by id or year (a dictionary per increment cost more than the rest of the pass).</summary>
    private sealed class FacetTally
    {
        private int[] types = new int[16];
        private int[] series = new int[16];
        private int[] organizations = new int[16];
        private int[] tags = new int[16];
        private int[] years = new int[2048];

        public void Add(in StatementFacts statement, int year)
        {
            Count(ref types, statement.TypeId);
            if (statement.SeriesId is { } seriesId)
            {
                Count(ref series, seriesId);
            }

            foreach (var organization in statement.Organizations)
            {
                Count(ref organizations, organization);
            }

            foreach (var tag in statement.Tags)
            {
                Count(ref tags, tag);
            }

            Count(ref years, year);
        }

        public SearchFacets ToFacets() => new(Counts(types), Counts(series), Counts(organizations), Counts(tags), Counts(years));

        private static void Count(ref int[] counts, int id)
        {
            if (id >= counts.Length)
            {
                Array.Resize(ref counts, Math.Max(id + 1, counts.Length * 2));
            }

            counts[id]++;
        }

        private static Dictionary<int, int> Counts(int[] counts)
        {
            var result = new Dictionary<int, int>();
            for (var id = 0; id < counts.Length; id++)
            {
                if (counts[id] > 0)
                {
                    result[id] = counts[id];
                }
            }

            return result;
        }
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

/// <summary>One page of results, how many there are, the facets, suggestions when there are none, and the count in every language.</summary>
public sealed record SearchResults(
    IReadOnlyList<SearchHit> Hits, int Total, SearchFacets Facets, IReadOnlyList<Suggestion> Suggestions, int AllLanguagesTotal)
{
    public static SearchResults Empty { get; } = new([], 0, SearchFacets.None, [], 0);
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
