using Bayan.Core.Search;

namespace Bayan.Search;

/// <summary>
/// The full-text index behind the search page, one implementation per database: SQLite FTS5 now, PostgreSQL (tsvector
/// with GIN) with the scale-out work. It holds one entry per published translation of a published statement and knows
/// only matching and marking; filters, facets, paging and sorting are composed over <see cref="Match"/> by
/// <see cref="StatementSearch"/> in LINQ, the same for every database.
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// Brings one statement's entries in line with it: removed, then added again for each of its published translations if
    /// the statement is published. Runs on the caller's <c>BayanDb</c>, inside the transaction of the change it follows.
    /// </summary>
    Task UpdateAsync(int statementId, CancellationToken cancellationToken);

    /// <summary>Empties the index and indexes every published statement again; returns how many translations it indexed.</summary>
    Task<int> RebuildAsync(CancellationToken cancellationToken);

    /// <summary>Whether the index has no entries (a new or restored database that needs <see cref="RebuildAsync"/>).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The translations matching <paramref name="query"/>, to compose in LINQ; with a relevance score (lower is better) when
    /// <paramref name="ranked"/>, else a score of 0 (scoring every match is the costly part: count and facets do without).
    /// </summary>
    IQueryable<SearchMatch> Match(SearchQuery query, bool ranked);

    /// <summary>
    /// For some matching translations: each field's normalized text with the matched words between
    /// <see cref="Highlighter.Open"/> and <see cref="Highlighter.Close"/>.
    /// </summary>
    Task<IReadOnlyDictionary<int, MarkedFields>> MarkAsync(SearchQuery query, IReadOnlyCollection<int> translationIds, CancellationToken cancellationToken);
}

/// <summary>One matching translation, its statement and language, and how well it matches: lower scores rank first.</summary>
public sealed class SearchMatch
{
    public int TranslationId { get; set; }

    public int StatementId { get; set; }

    public string Language { get; set; } = "";

    public double Score { get; set; }
}

/// <summary>The index's fields of one translation with matched words marked.</summary>
public sealed class MarkedFields
{
    public int TranslationId { get; set; }

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public string Body { get; set; } = "";

    public string Attachments { get; set; } = "";
}
