using Bayan.Core.Search;

namespace Bayan.Search;

/// <summary>
/// The full-text index behind the search page, one implementation per database: SQLite FTS5 now, PostgreSQL (tsvector
/// with GIN) with the scale-out work. It holds one entry per published translation of a published statement and knows
/// only matching, scoring and marking; filters, facets, order and pages are the same for every database and are
/// <see cref="StatementSearch"/>'s, over the facts it keeps in memory (<see cref="SearchFacts"/>).
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

    /// <summary>Whether the index needs <see cref="RebuildAsync"/>: a new or restored database, or one indexed before a part of the index existed.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>The ids of the translations matching <paramref name="query"/>, in ascending order.</summary>
    Task<int[]> MatchAsync(SearchQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Relevance scores (lower ranks first) of the translations matching <paramref name="query"/>, weighing a match in the
    /// title most, then the summary, the body and the attachments; with <paramref name="headingsOnly"/>, of those whose
    /// title or summary alone matches, from titles and summaries only (scoring costs about a microsecond a match, so a very
    /// common word is scored there only).
    /// </summary>
    Task<IReadOnlyList<ScoredMatch>> ScoreAsync(SearchQuery query, bool headingsOnly, CancellationToken cancellationToken);

    /// <summary>
    /// For some matching translations: each field's normalized text with the matched words between
    /// <see cref="Highlighter.Open"/> and <see cref="Highlighter.Close"/>.
    /// </summary>
    Task<IReadOnlyDictionary<int, MarkedFields>> MarkAsync(SearchQuery query, IReadOnlyCollection<int> translationIds, CancellationToken cancellationToken);
}

/// <summary>A matching translation and how well it matches: lower scores rank first.</summary>
public readonly record struct ScoredMatch(int TranslationId, double Score);

/// <summary>The index's fields of one translation with matched words marked.</summary>
public sealed record MarkedFields(int TranslationId, string Title, string Summary, string Body, string Attachments);
