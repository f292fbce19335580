using System.Text.Json.Nodes;
using Bayan.Core.Search;
using Bayan.Core.Text;
using Bayan.Core.Verification;
using Bayan.Data;
using Bayan.Publishing;
using Bayan.Search;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Verification;

public enum TextVerdict
{
    /// <summary>Word for word a version we signed and still publish.</summary>
    Current,

    /// <summary>Word for word a version we signed and corrected since.</summary>
    Earlier,

    /// <summary>Word for word a statement we signed and withdrew.</summary>
    Withdrawn,

    /// <summary>Word for word a statement we signed and took down.</summary>
    TakenDown,

    /// <summary>Like one of ours, but not word for word: shown with what differs.</summary>
    Different,

    /// <summary>Nothing we published is like it.</summary>
    Unknown,
}

/// <summary>A signed version a text matched, and the statement's current version when that is another.</summary>
public sealed record SignedMatch(int StatementId, string Language, long Index, int Version, DateTime SignedAt, string Title, JsonObject Record);

/// <summary>A published statement close to a text, with the differences from its published text to the text.</summary>
public sealed record CloseStatement(int StatementId, string Language, string Title, string Slug, double Similarity, IReadOnlyList<DiffRun> Differences);

public sealed record TextCheckResult(TextVerdict Verdict, SignedMatch? Match, JsonObject? Current, IReadOnlyList<CloseStatement> Closest);

/// <summary>
/// "Is this text one of ours?" A text matches only when it says word for word (spacing, line breaks and keyboards aside;
/// <see cref="TextFingerprint"/>) what a signed record says — looked up by hash among every version ever signed, so an
/// earlier version or a withdrawn statement is recognized as such. Anything else is compared with the closest published
/// statements the search index finds, to show what differs; it is never called genuine.
/// </summary>
public sealed class TextCheck([FromKeyedServices(PublicReads.Key)] BayanDb db, [FromKeyedServices(PublicReads.Key)] ISearchIndex index)
{
    /// <summary>The longest text checked, in characters: more than any statement, less than a book.</summary>
    public const int MaxLength = 100_000;

    /// <summary>How much of a statement a text must share (in words) to be shown as a changed copy of it.</summary>
    private const double CloseEnough = 0.3;

    public async Task<TextCheckResult> CheckAsync(string text, CancellationToken cancellationToken)
    {
        var hash = TextFingerprint.Hash(text);
        var matched = await db.LogEntries.AsNoTracking()
            .Where(e => e.BodyHash == hash || e.TextHash == hash)
            .OrderByDescending(e => e.Index)
            .Select(e => new { e.Index, e.StatementId, e.Language, e.SignedAt, e.Envelope })
            .Take(50)
            .ToListAsync(cancellationToken);
        TextCheckResult? best = null;
        foreach (var translation in matched.GroupBy(m => (m.StatementId, m.Language)))
        {
            var newestMatch = translation.First();
            var latest = await db.LogEntries.AsNoTracking()
                .Where(e => e.StatementId == newestMatch.StatementId && e.Language == newestMatch.Language)
                .OrderByDescending(e => e.Index)
                .Select(e => new { e.Index, e.Envelope })
                .FirstAsync(cancellationToken);
            var record = Record(newestMatch.Envelope);
            var latestRecord = Record(latest.Envelope);
            var match = new SignedMatch(newestMatch.StatementId, newestMatch.Language, newestMatch.Index, (int?)record["version"] ?? 0, newestMatch.SignedAt, (string?)record["title"] ?? "", record);
            var verdict = (string?)latestRecord["state"] switch
            {
                "unpublished" => TextVerdict.TakenDown,
                _ when latest.Index != newestMatch.Index => TextVerdict.Earlier,
                "withdrawn" => TextVerdict.Withdrawn,
                _ => TextVerdict.Current,
            };
            var result = new TextCheckResult(verdict, match, verdict == TextVerdict.Earlier ? latestRecord : null, []);
            // A text two translations share (rare) is answered by the one still published as it is.
            if (best is null || verdict < best.Verdict)
            {
                best = result;
            }
        }

        if (best is not null)
        {
            if (best.Verdict == TextVerdict.Earlier && best.Current is { } current)
            {
                var changes = WordDiff.Compare(TextFingerprint.Readable(TextFingerprint.BodyText((string?)best.Match!.Record["body"] ?? "")), TextFingerprint.Readable(TextFingerprint.BodyText((string?)current["body"] ?? "")));
                var slug = await db.Translations.AsNoTracking()
                    .Where(t => t.StatementId == best.Match.StatementId && t.Language == best.Match.Language)
                    .Select(t => t.Slug).FirstOrDefaultAsync(cancellationToken) ?? "";
                return best with { Closest = [new CloseStatement(best.Match.StatementId, best.Match.Language, (string?)current["title"] ?? "", slug, 1, changes)] };
            }

            return best;
        }

        var closest = await ClosestAsync(text, cancellationToken);
        foreach (var close in closest.Where(c => c.Differences.All(d => d.Kind == DiffKind.Same || string.IsNullOrWhiteSpace(d.Text))))
        {
            // The whole page copied, summary included (the hashes cover the body, and the title with the body): ours only
            // if the last signed record says it so.
            if (await CurrentWithSummaryAsync(text, close, cancellationToken) is { } match)
            {
                return new TextCheckResult(TextVerdict.Current, match, null, []);
            }
        }

        return new TextCheckResult(closest.Count > 0 ? TextVerdict.Different : TextVerdict.Unknown, null, null, closest);
    }

    private async Task<SignedMatch?> CurrentWithSummaryAsync(string text, CloseStatement close, CancellationToken cancellationToken)
    {
        var latest = await db.LogEntries.AsNoTracking()
            .Where(e => e.StatementId == close.StatementId && e.Language == close.Language)
            .OrderByDescending(e => e.Index)
            .Select(e => new { e.Index, e.SignedAt, e.Envelope })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null || Record(latest.Envelope) is not { } record || (string?)record["state"] != "published" || (string?)record["summary"] is not { Length: > 0 } summary)
        {
            return null;
        }

        var title = (string?)record["title"] ?? "";
        var body = TextFingerprint.BodyText((string?)record["body"] ?? "");
        var pasted = TextFingerprint.Comparable(text);
        return pasted == TextFingerprint.Comparable(summary + "\n" + body) || pasted == TextFingerprint.Comparable(title + "\n" + summary + "\n" + body)
            ? new SignedMatch(close.StatementId, close.Language, latest.Index, (int?)record["version"] ?? 0, latest.SignedAt, title, record)
            : null;
    }

    /// <summary>The published statements sharing most of the text's words, found through the search index by its longest words.</summary>
    private async Task<IReadOnlyList<CloseStatement>> ClosestAsync(string text, CancellationToken cancellationToken)
    {
        var words = SearchText.Normalize(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 && w.All(char.IsLetterOrDigit))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => w.Length)
            .Take(8)
            .ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var query = SearchQuery.Parse(string.Join(" OR ", words));
        var scored = await index.ScoreAsync(query, headingsOnly: false, cancellationToken);
        var ids = scored.OrderBy(s => s.Score).Take(5).Select(s => s.TranslationId).ToList();
        var candidates = await db.Translations.AsNoTracking()
            .Where(t => ids.Contains(t.Id) && t.IsPublished)
            .Select(t => new { t.StatementId, t.Language, t.Title, t.Summary, t.Slug, t.BodyHtml })
            .ToListAsync(cancellationToken);
        var pasted = TextFingerprint.Readable(text);
        return [.. candidates
            .Select(c =>
            {
                // Compared with the title and the summary too when the text seems to hold them, as a copied page does.
                var comparable = TextFingerprint.Comparable(text);
                List<string> parts = [];
                if (comparable.StartsWith(TextFingerprint.Comparable(c.Title), StringComparison.Ordinal))
                {
                    parts.Add(c.Title);
                }

                if (c.Summary is { Length: > 0 } summary && comparable.Contains(TextFingerprint.Comparable(summary), StringComparison.Ordinal))
                {
                    parts.Add(summary);
                }

                parts.Add(TextFingerprint.BodyText(c.BodyHtml));
                var differences = WordDiff.Compare(TextFingerprint.Readable(string.Join("\n", parts)), pasted);
                return new CloseStatement(c.StatementId, c.Language, c.Title, c.Slug, Similarity(differences), differences);
            })
            .Where(c => c.Similarity >= CloseEnough)
            .OrderByDescending(c => c.Similarity)
            .Take(3)];
    }

    /// <summary>The share of words the two texts have in common, against the longer of them.</summary>
    private static double Similarity(IReadOnlyList<DiffRun> runs)
    {
        static int Words(IEnumerable<DiffRun> runs) => runs.Sum(r => r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var same = Words(runs.Where(r => r.Kind == DiffKind.Same));
        var longer = Math.Max(same + Words(runs.Where(r => r.Kind == DiffKind.Removed)), same + Words(runs.Where(r => r.Kind == DiffKind.Added)));
        return longer == 0 ? 0 : (double)same / longer;
    }

    private static JsonObject Record(string envelope) => (JsonObject)JsonNode.Parse(envelope)!["record"]!;
}
