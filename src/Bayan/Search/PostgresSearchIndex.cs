using System.Globalization;
using System.Text;
using Bayan.Core.Search;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Bayan.Search;

/// <summary>
/// The search index in PostgreSQL: the table SearchEntries (created by PostgreSQL's Initial migration), one row per
/// published translation, with two tsvector columns under GIN indexes: Document (title weight A, summary B, body and
/// variants C, attachments D) and Headings (title A, summary B, their variants C), scored on its own when a word is too
/// common to score everywhere. The text configuration <c>bayan</c> stems ASCII words with Snowball's English stemmer and
/// keeps every other word as it is, with no stop words: what SQLite's porter tokenizer does.
/// </summary>
/// <remarks>
/// Text reaches PostgreSQL already normalized by <see cref="Core.Text.SearchText"/> and cut into the same words as SQLite
/// cuts them (<see cref="SearchQuery.Words"/>), with Latin accents removed (unicode61's remove_diacritics), so its parser
/// only ever sees words separated by spaces. Queries are built from words holding only letters and digits, each quoted as
/// a lexeme, and passed as one parameter to <c>to_tsquery</c>: nothing a reader types is tsquery syntax.
/// </remarks>
public sealed class PostgresSearchIndex(BayanDb db) : ISearchIndex
{
    /// <summary>The text search configuration the migration creates.</summary>
    public const string Configuration = "bayan";

    // A tsvector holds at most 1 MB. Each word costs at most its UTF-8 bytes and 8 more (the entry and one position), so
    // an entry's words are cut once they would cost more than this: the title and summary come first, then the body and
    // its variants, then the attachments (a long report's extracted text is what gets cut). Statements are far shorter.
    private const int MaxVectorBytes = 1_000_000;

    private const string DocumentVector = """
        setweight(to_tsvector('bayan', u.title_words), 'A') || setweight(to_tsvector('bayan', u.summary_words), 'B')
        || setweight(to_tsvector('bayan', u.body_words), 'C') || setweight(to_tsvector('bayan', u.variants), 'C')
        || setweight(to_tsvector('bayan', u.attachments_words), 'D')
        """;

    private const string HeadingsVector = """
        setweight(to_tsvector('bayan', u.title_words), 'A') || setweight(to_tsvector('bayan', u.summary_words), 'B')
        || setweight(to_tsvector('bayan', u.heading_variants), 'C')
        """;

    public async Task UpdateAsync(int statementId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"""DELETE FROM "SearchEntries" WHERE "TranslationId" IN (SELECT "Id" FROM "Translations" WHERE "StatementId" = {statementId})""",
            cancellationToken);
        await InsertAsync(await SearchEntry.ReadAsync(SearchEntry.Indexable(db).Where(t => t.StatementId == statementId), cancellationToken), cancellationToken);
    }

    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A publication meanwhile waits for the rebuild (readers do not): its entries would otherwise be added twice.
        await db.Database.ExecuteSqlAsync($"""LOCK TABLE "SearchEntries" IN EXCLUSIVE MODE""", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "SearchEntries" """, cancellationToken);
        var ids = await SearchEntry.Indexable(db).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var slice in ids.Chunk(500))
        {
            await InsertAsync(await SearchEntry.ReadAsync(SearchEntry.Indexable(db).Where(t => slice.Contains(t.Id)), cancellationToken), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""ANALYZE "SearchEntries" """, cancellationToken);
        return ids.Count;
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        !await db.Database.SqlQuery<int>($"""SELECT "TranslationId" AS "Value" FROM "SearchEntries" LIMIT 1""").AnyAsync(cancellationToken);

    public async Task<int[]> MatchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        await using var command = await CommandAsync(
            """SELECT "TranslationId" FROM "SearchEntries" WHERE "Document" @@ to_tsquery('bayan', @query) ORDER BY 1""", query, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return [.. ids];
    }

    /// <summary>
    /// Okapi BM25 as SQLite's FTS5 computes it, so that both databases rank alike: for each term of the query, its
    /// inverse document frequency times a saturating function of its weighted hits (a hit in the title counts 10, the
    /// summary 4, the body and variants 1, the attachments 0.5) against the entry's length relative to the average;
    /// negated, so lower ranks first. A term's weighted hits are <c>ts_rank_cd</c> with no normalization: for one word
    /// (or a phrase, or a prefix) it sums the weights of its occurrences.
    /// </summary>
    public async Task<IReadOnlyList<ScoredMatch>> ScoreAsync(SearchQuery query, bool headingsOnly, CancellationToken cancellationToken)
    {
        var terms = query.Required.SelectMany(clause => clause).Select(Term).ToArray();
        var (vector, length) = headingsOnly ? ("\"Headings\"", "\"HeadingsLength\"") : ("\"Document\"", "\"Length\"");

        // The collection's size, average length and, per term, how many entries have it: IDF and length normalization.
        var statistics = string.Join(", ", terms.Select((_, i) => $"(SELECT count(*) FROM \"SearchEntries\" WHERE {vector} @@ to_tsquery('bayan', @t{i}))"));
        double total, averageLength;
        var documentFrequencies = new long[terms.Length];
        await using (var command = await CommandAsync($"SELECT count(*), coalesce(avg({length}), 0)::float8, {statistics} FROM \"SearchEntries\"", query: null, cancellationToken))
        {
            AddTerms(command, terms);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (total, averageLength) = (reader.GetInt64(0), Math.Max(reader.GetDouble(1), 1));
            for (var i = 0; i < terms.Length; i++)
            {
                documentFrequencies[i] = reader.GetInt64(2 + i);
            }
        }

        var inverseFrequencies = documentFrequencies.Select(n => Math.Max(Math.Log((total - n + 0.5) / (n + 0.5)), 1e-6)).ToArray();
        var hits = string.Join(", ", terms.Select((_, i) => $"ts_rank_cd('{{0.05, 0.1, 0.4, 1.0}}', {vector}, to_tsquery('bayan', @t{i}), 0)"));
        var scores = new List<ScoredMatch>();
        await using (var command = await CommandAsync(
            $"SELECT \"TranslationId\", {length}, {hits} FROM \"SearchEntries\" WHERE {vector} @@ to_tsquery('bayan', @query)", query, cancellationToken))
        {
            AddTerms(command, terms);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var lengthFactor = K1 * (1 - B + (B * reader.GetInt32(1) / averageLength));
                var score = 0.0;
                for (var i = 0; i < terms.Length; i++)
                {
                    // ts_rank_cd takes weights up to 1: the title's 10 is given as 1.0, so its sums are a tenth of the hits.
                    var weightedHits = reader.GetFloat(2 + i) * 10.0;
                    score += inverseFrequencies[i] * (weightedHits * (K1 + 1) / (weightedHits + lengthFactor));
                }

                scores.Add(new ScoredMatch(reader.GetInt32(0), -score));
            }
        }

        return scores;
    }

    // BM25's constants, as FTS5 has them.
    private const double K1 = 1.2;
    private const double B = 0.75;

    private static void AddTerms(NpgsqlCommand command, string[] terms)
    {
        for (var i = 0; i < terms.Length; i++)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("t" + i.ToString(CultureInfo.InvariantCulture), terms[i]));
        }
    }

    /// <summary>Marks matched words with <c>ts_headline</c> over each whole field (HighlightAll), for the page's rows only.</summary>
    public async Task<IReadOnlyDictionary<int, MarkedFields>> MarkAsync(
        SearchQuery query, IReadOnlyCollection<int> translationIds, CancellationToken cancellationToken)
    {
        var marked = new Dictionary<int, MarkedFields>();
        if (translationIds.Count == 0)
        {
            return marked;
        }

        await using var command = await CommandAsync(
            """
            SELECT "TranslationId",
                   ts_headline('bayan', "Title", q, o), ts_headline('bayan', "Summary", q, o),
                   ts_headline('bayan', "Body", q, o), ts_headline('bayan', "Attachments", q, o)
            FROM "SearchEntries", to_tsquery('bayan', @query) AS q,
                 (SELECT 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', HighlightAll=true') AS options(o)
            WHERE "TranslationId" = ANY(@ids) AND "Document" @@ q
            """,
            query,
            cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<int[]>("ids", [.. translationIds]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            marked[id] = new MarkedFields(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
        }

        return marked;
    }

    /// <summary>
    /// The tsquery for a parsed query: each term its words as quoted lexemes, joined by &lt;-&gt; when it is a phrase, the last
    /// marked :* when it is a prefix; alternatives joined by |, clauses by &amp;, exclusions after &amp; !.
    /// </summary>
    internal static string Expression(SearchQuery query)
    {
        var required = string.Join(" & ", query.Required.Select(clause => "(" + string.Join(" | ", clause.Select(Term)) + ")"));
        return query.Excluded.Count == 0 ? required : "(" + required + ") & !(" + string.Join(" | ", query.Excluded.Select(Term)) + ")";
    }

    /// <summary>One term as tsquery text: its words as quoted lexemes, joined by &lt;-&gt; for a phrase, the last with :* for a prefix.</summary>
    private static string Term(SearchTerm term)
    {
        var words = term.Words.Select(word => "'" + Unaccented(word) + "'").ToArray();
        if (term.Prefix)
        {
            words[^1] += ":*";
        }

        return words.Length == 1 ? words[0] : "(" + string.Join(" <-> ", words) + ")";
    }

    /// <summary>
    /// An entry's fields as PostgreSQL indexes them: their words only, space-separated, without Latin accents, all
    /// together within what a tsvector holds.
    /// </summary>
    internal sealed record IndexedWords(string Title, string Summary, string Body, string Variants, string Attachments, string HeadingVariants)
    {
        public static IndexedWords Of(SearchEntry entry)
        {
            var budget = MaxVectorBytes;
            string Take(string normalized)
            {
                var kept = new List<string>();
                foreach (var word in SearchQuery.Words(normalized))
                {
                    var cost = Encoding.UTF8.GetByteCount(word) + 8;
                    if (cost > budget)
                    {
                        break;
                    }

                    budget -= cost;
                    kept.Add(Unaccented(word));
                }

                return string.Join(' ', kept);
            }

            // Heading variants are the title's and summary's own forms, also held in the variants: not counted twice.
            var (title, summary) = (Take(entry.Title), Take(entry.Summary));
            var headingVariants = string.Join(' ', SearchQuery.Words(entry.HeadingVariants).Select(Unaccented));
            var (body, variants) = (Take(entry.Body), Take(entry.Variants));
            return new IndexedWords(title, summary, body, variants, Take(entry.Attachments), headingVariants);
        }
    }

    private static int WordCount(string words) => words.Length == 0 ? 0 : words.Count(c => c == ' ') + 1;

    /// <summary>A word without combining accents on Latin letters ("café" → "cafe"); other scripts are left as they are.</summary>
    private static string Unaccented(string word)
    {
        if (word.All(char.IsAscii))
        {
            return word;
        }

        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            var onLatin = i > 0 && decomposed[i - 1] < '\u0250';
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark && onLatin)
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Adds entries in one statement per batch: each column an array parameter, unnested into rows.</summary>
    private async Task InsertAsync(List<SearchEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = await CommandAsync(
            $"""
            INSERT INTO "SearchEntries" ("TranslationId", "Title", "Summary", "Body", "Attachments", "Document", "Headings", "Length", "HeadingsLength")
            SELECT u.id, u.title, u.summary, u.body, u.attachments, {DocumentVector}, {HeadingsVector}, u.length, u.headings_length
            FROM unnest(@id, @title, @summary, @body, @attachments, @title_words, @summary_words, @body_words, @attachments_words, @variants, @heading_variants, @length, @headings_length)
                AS u(id, title, summary, body, attachments, title_words, summary_words, body_words, attachments_words, variants, heading_variants, length, headings_length)
            """,
            query: null,
            cancellationToken);
        var words = entries.Select(IndexedWords.Of).ToArray();
        void Add<T>(string name, IEnumerable<T> values) => command.Parameters.Add(new NpgsqlParameter<T[]>(name, [.. values]));
        Add("id", entries.Select(e => e.TranslationId));
        Add("title", entries.Select(e => e.Title));
        Add("summary", entries.Select(e => e.Summary));
        Add("body", entries.Select(e => e.Body));
        Add("attachments", entries.Select(e => e.Attachments));
        Add("title_words", words.Select(w => w.Title));
        Add("summary_words", words.Select(w => w.Summary));
        Add("body_words", words.Select(w => w.Body));
        Add("attachments_words", words.Select(w => w.Attachments));
        Add("variants", words.Select(w => w.Variants));
        Add("heading_variants", words.Select(w => w.HeadingVariants));
        // Entry lengths in words, as bm25 counts them: every field the vector holds.
        Add("length", words.Select(w => WordCount(w.Title) + WordCount(w.Summary) + WordCount(w.Body) + WordCount(w.Attachments) + WordCount(w.Variants)));
        Add("headings_length", words.Select(w => WordCount(w.Title) + WordCount(w.Summary) + WordCount(w.HeadingVariants)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command on the context's connection (and transaction, if any), with the query's tsquery text as @query.</summary>
    private async Task<NpgsqlCommand> CommandAsync(string sql, SearchQuery? query, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        if (query is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("query", Expression(query)));
        }

        return command;
    }
}
