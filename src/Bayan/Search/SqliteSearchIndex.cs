using System.Data.Common;
using System.Text.Json;
using Bayan.Core.Search;
using Bayan.Core.Text;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bayan.Search;

/// <summary>
/// The search index in SQLite FTS5: the virtual table SearchEntries (created by the Initial migration), one row per
/// published translation with rowid = the translation's id, and SearchHeadings, the same rows' titles and summaries
/// alone (scored on their own when a word is too common to score everywhere). Text goes in normalized by <see cref="SearchText"/>; the
/// porter tokenizer stems English words and leaves other scripts as they are. Every query to FTS5 is built from words
/// that contain only letters and digits (<see cref="SearchQuery"/>), quoted, so nothing a reader types is FTS5 syntax.
/// </summary>
public sealed class SqliteSearchIndex(BayanDb db) : ISearchIndex
{
    /// <summary>How the index splits text into words, as the migrations created it (a test compares them).</summary>
    public const string Tokenizer = "porter unicode61 remove_diacritics 2";

    public async Task UpdateAsync(int statementId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM SearchEntries WHERE rowid IN (SELECT Id FROM Translations WHERE StatementId = {statementId})", cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM SearchHeadings WHERE rowid IN (SELECT Id FROM Translations WHERE StatementId = {statementId})", cancellationToken);
        var entries = await SearchEntry.ReadAsync(SearchEntry.Indexable(db).Where(t => t.StatementId == statementId), cancellationToken);
        await InsertAsync(entries, cancellationToken);
    }

    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM SearchEntries", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM SearchHeadings", cancellationToken);
        var ids = await SearchEntry.Indexable(db).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        const int batch = 500;
        for (var i = 0; i < ids.Count; i += batch)
        {
            var slice = ids.Skip(i).Take(batch).ToList();
            var entries = await SearchEntry.ReadAsync(SearchEntry.Indexable(db).Where(t => slice.Contains(t.Id)), cancellationToken);
            await InsertAsync(entries, cancellationToken);
        }

        // Merge the index's segments into one: searches read fewer pages afterwards.
        await db.Database.ExecuteSqlAsync($"INSERT INTO SearchEntries(SearchEntries) VALUES ('optimize')", cancellationToken);
        await db.Database.ExecuteSqlAsync($"INSERT INTO SearchHeadings(SearchHeadings) VALUES ('optimize')", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    /// <summary>Empty, or only partly filled (the headings table of a database indexed before it existed).</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        !await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM SearchEntries LIMIT 1").AnyAsync(cancellationToken)
        || !await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM SearchHeadings LIMIT 1").AnyAsync(cancellationToken);

    public async Task<int[]> MatchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        await using var command = await CommandAsync("SELECT rowid FROM SearchEntries WHERE SearchEntries MATCH $expression", Expression(query), cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // SQLite runs in this process: ReadAsync would only wrap each row of tens of thousands in a task.
        while (reader.Read())
        {
            ids.Add(reader.GetInt32(0));
        }

        // FTS5 gives matches by rowid already; sorting what is sorted costs one pass.
        var sorted = ids.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    // bm25's weights, in column order: a match in the title counts most, then the summary, the body, the attachments.
    public async Task<IReadOnlyList<ScoredMatch>> ScoreAsync(SearchQuery query, bool headingsOnly, CancellationToken cancellationToken)
    {
        var scores = new List<ScoredMatch>();
        await using var command = await CommandAsync(
            headingsOnly
                ? "SELECT rowid, bm25(SearchHeadings, 10.0, 4.0, 1.0) FROM SearchHeadings WHERE SearchHeadings MATCH $expression"
                : "SELECT rowid, bm25(SearchEntries, 10.0, 4.0, 1.0, 0.5, 1.0) FROM SearchEntries WHERE SearchEntries MATCH $expression",
            Expression(query),
            cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (reader.Read())
        {
            scores.Add(new ScoredMatch(reader.GetInt32(0), reader.GetDouble(1)));
        }

        return scores;
    }

    /// <summary>
    /// Marks the page's rows in a scratch FTS5 table on this connection, holding just them: FTS5 marks a row of the full
    /// index by running the query again for that row alone, which for a prefix (the last word as it is typed) means merging
    /// the lists of every word it begins, once per row: 15 ms for a page of a common word, against one here. (The variants
    /// column comes along: a row matched through it must match here too, to have its other words marked.)
    /// </summary>
    public async Task<IReadOnlyDictionary<int, MarkedFields>> MarkAsync(
        SearchQuery query, IReadOnlyCollection<int> translationIds, CancellationToken cancellationToken)
    {
        var marked = new Dictionary<int, MarkedFields>();
        if (translationIds.Count == 0)
        {
            return marked;
        }

        await using var command = await CommandAsync($"""
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.SearchPage USING fts5(title, summary, body, attachments, variants, tokenize='{Tokenizer}');
            DELETE FROM temp.SearchPage;
            INSERT INTO temp.SearchPage(rowid, title, summary, body, attachments, variants)
                SELECT rowid, title, summary, body, attachments, variants FROM SearchEntries WHERE rowid IN (SELECT value FROM json_each($ids));
            SELECT rowid,
                   highlight(SearchPage, 0, char(1), char(2)),
                   highlight(SearchPage, 1, char(1), char(2)),
                   highlight(SearchPage, 2, char(1), char(2)),
                   highlight(SearchPage, 3, char(1), char(2))
            FROM temp.SearchPage WHERE SearchPage MATCH $expression;
            """, Expression(query), cancellationToken);
        Add(command, "$ids").Value = JsonSerializer.Serialize(translationIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (reader.Read())
        {
            var id = reader.GetInt32(0);
            marked[id] = new MarkedFields(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
        }

        return marked;
    }

    /// <summary>
    /// The FTS5 expression for a parsed query: each term a quoted string (a phrase when it has several words), alternatives
    /// joined by OR, clauses by AND, exclusions after NOT. Words hold only letters and digits, so the quotes cannot be closed early.
    /// </summary>
    internal static string Expression(SearchQuery query)
    {
        static string Term(SearchTerm term) => "\"" + string.Join(' ', term.Words) + "\"" + (term.Prefix ? "*" : "");

        var required = string.Join(" AND ", query.Required.Select(clause => "(" + string.Join(" OR ", clause.Select(Term)) + ")"));
        if (query.Excluded.Count == 0)
        {
            return required;
        }

        return "(" + required + ") NOT (" + string.Join(" OR ", query.Excluded.Select(Term)) + ")";
    }

    /// <summary>
    /// A command on the context's connection with the FTS5 expression as its one parameter; read with a plain data reader,
    /// which for tens of thousands of matches is several times faster than materializing them through EF Core.
    /// </summary>
    private async Task<DbCommand> CommandAsync(string sql, string expression, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        Add(command, "$expression").Value = expression;
        return command;
    }

    /// <summary>Inserts entries, in both tables, with one prepared, parameterized command on the context's own connection and transaction.</summary>
    private async Task InsertAsync(List<SearchEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            INSERT INTO SearchEntries(rowid, title, summary, body, attachments, variants) VALUES ($id, $title, $summary, $body, $attachments, $variants);
            INSERT INTO SearchHeadings(rowid, title, summary, variants) VALUES ($id, $title, $summary, $headingVariants);
            """;
        var parameters = ColumnParameters.Select(name => Add(command, name)).ToArray();
        foreach (var entry in entries)
        {
            parameters[0].Value = entry.TranslationId;
            parameters[1].Value = entry.Title;
            parameters[2].Value = entry.Summary;
            parameters[3].Value = entry.Body;
            parameters[4].Value = entry.Attachments;
            parameters[5].Value = entry.Variants;
            parameters[6].Value = entry.HeadingVariants;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static readonly string[] ColumnParameters = ["$id", "$title", "$summary", "$body", "$attachments", "$variants", "$headingVariants"];

}
