using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Bayan.Core.Verification;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Verification;

/// <summary>
/// The public log and keys as JSON, at the addresses docs/verification.md documents: what an auditor or a reader's own
/// program needs to check every signature and proof without trusting the site's pages.
/// </summary>
public static class LogEndpoints
{
    /// <summary>The most entries one request lists.</summary>
    public const int MaxEntries = 1000;

    public static IEndpointRouteBuilder MapVerificationLog(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/.well-known/bayan/keys.json", KeysAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/log/tree-head.json", LatestHeadAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/log/tree-heads/{size}.json", HeadAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/log/entries.json", EntriesAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/log/pages/{page}.json", PageAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/log/entries/{index}.json", EntryAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/log/consistency.json", ConsistencyAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/log/statements/{id}.json", StatementAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        return endpoints;
    }

    public static JsonObject KeyJson(SigningKey key) => new()
    {
        ["id"] = key.Id,
        ["algorithm"] = "ECDSA P-256 SHA-256",
        ["publicKey"] = new string(System.Security.Cryptography.PemEncoding.Write("PUBLIC KEY", key.PublicKey)),
        ["created"] = StatementRecord.Time(key.CreatedAt),
        ["retired"] = StatementRecord.Time(key.RetiredAt),
        ["revoked"] = StatementRecord.Time(key.RevokedAt),
        ["revocationNote"] = key.RevocationNote,
    };

    public static JsonObject HeadJson(TreeHead head)
    {
        var json = SignedTreeHead.Body(head);
        json["key"] = head.KeyId;
        json["signature"] = Convert.ToBase64String(head.Signature);
        return json;
    }

    /// <summary>An entry, its envelope written as the canonical bytes that were hashed and signed.</summary>
    public static JsonObject EntryJson(LogEntry entry) => new()
    {
        ["index"] = entry.Index,
        ["leafHash"] = Convert.ToBase64String(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(entry.Envelope))),
        ["entry"] = JsonValue.Create(entry.Envelope, AsWritten),
    };

    private static async Task<IResult> KeysAsync(BayanDb db, CancellationToken cancellationToken)
    {
        var keys = await db.SigningKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return Json(new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)KeyJson(k))]) });
    }

    private static async Task<IResult> LatestHeadAsync(TransparencyLog log, CancellationToken cancellationToken) =>
        await log.HeadAsync(cancellationToken) is { } head ? Json(HeadJson(head)) : Problem(404, "The log is empty: nothing has been signed yet.");

    private static async Task<IResult> HeadAsync(string size, BayanDb db, TransparencyLog log, CancellationToken cancellationToken)
    {
        var (head, problem) = await TreeAsync(size, db, log, cancellationToken);
        return head is null ? problem! : Json(HeadJson(head));
    }

    private static async Task<IResult> EntriesAsync(HttpContext context, BayanDb db, TransparencyLog log, CancellationToken cancellationToken)
    {
        if (!Number(context.Request.Query["start"], 0, out var start) || !Number(context.Request.Query["count"], 100, out var count) || count < 1)
        {
            return Problem(400, "start and count are whole numbers; count is at least 1.");
        }

        count = Math.Min(count, MaxEntries);
        var size = (await log.HeadAsync(cancellationToken))?.Size ?? 0;
        return Json(new JsonObject
        {
            ["treeSize"] = size,
            ["entries"] = await RangeAsync(db, start, count, size, cancellationToken),
        });
    }

    /// <summary>
    /// The log in fixed pages of <see cref="MaxEntries"/>, each linking the next: addresses without a query, so a static
    /// mirror holds the whole log at the same addresses and can be checked offline as the site is.
    /// </summary>
    private static async Task<IResult> PageAsync(string page, BayanDb db, TransparencyLog log, SiteUrls urls, CancellationToken cancellationToken)
    {
        if (!long.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number > long.MaxValue / MaxEntries)
        {
            return Problem(400, "A page of the log is a whole number.");
        }

        var size = (await log.HeadAsync(cancellationToken))?.Size ?? 0;
        var start = number * MaxEntries;
        if (start >= size)
        {
            return Problem(404, $"The log has {size} entries, in {(size + MaxEntries - 1) / MaxEntries} pages of {MaxEntries} from page 0.");
        }

        return Json(new JsonObject
        {
            ["treeSize"] = size,
            ["page"] = number,
            ["entries"] = await RangeAsync(db, start, MaxEntries, size, cancellationToken),
            ["next"] = start + MaxEntries < size ? urls.Absolute(PagePath(number + 1)) : null,
        });
    }

    /// <summary>Up to <paramref name="count"/> entries from <paramref name="start"/>, within the tree of <paramref name="size"/>.</summary>
    private static async Task<JsonArray> RangeAsync(BayanDb db, long start, long count, long size, CancellationToken cancellationToken)
    {
        var entries = await db.LogEntries.AsNoTracking()
            .Where(e => e.Index >= start && e.Index < start + count && e.Index < size)
            .OrderBy(e => e.Index)
            .ToListAsync(cancellationToken);
        return new JsonArray([.. entries.Select(e => (JsonNode)EntryJson(e))]);
    }

    public static string PagePath(long page) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/log/pages/{page}.json");

    private static async Task<IResult> EntryAsync(string index, HttpContext context, BayanDb db, TransparencyLog log, CancellationToken cancellationToken)
    {
        if (!long.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position))
        {
            return Problem(400, "An entry's index is a whole number.");
        }

        var (head, problem) = await TreeAsync(context.Request.Query["size"], db, log, cancellationToken);
        if (head is null)
        {
            return problem!;
        }

        if (position >= head.Size)
        {
            return Problem(404, $"The log has {head.Size} entries in that tree; entry {position} is not among them.");
        }

        var entry = await db.LogEntries.AsNoTracking().FirstAsync(e => e.Index == position, cancellationToken);
        var json = EntryJson(entry);
        json["treeHead"] = HeadJson(head);
        json["inclusionProof"] = Hashes(await log.InclusionProofAsync(position, head.Size, cancellationToken));
        return Json(json);
    }

    private static async Task<IResult> ConsistencyAsync(HttpContext context, TransparencyLog log, CancellationToken cancellationToken)
    {
        if (!Number(context.Request.Query["first"], -1, out var first) || !Number(context.Request.Query["second"], -1, out var second) || first < 0 || second < 0)
        {
            return Problem(400, "first and second are the two tree sizes, whole numbers.");
        }

        var size = (await log.HeadAsync(cancellationToken))?.Size ?? 0;
        if (first > second || second > size)
        {
            return Problem(404, $"Consistency is proved from a smaller tree to a larger one, up to the log's {size} entries.");
        }

        return Json(new JsonObject
        {
            ["first"] = first,
            ["second"] = second,
            ["consistencyProof"] = Hashes(await log.ConsistencyProofAsync(first, second, cancellationToken)),
        });
    }

    private static async Task<IResult> StatementAsync(string id, BayanDb db, CancellationToken cancellationToken)
    {
        if (!int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var statementId))
        {
            return Problem(400, "A statement's id is a whole number.");
        }

        var entries = await db.LogEntries.AsNoTracking().Where(e => e.StatementId == statementId).OrderBy(e => e.Index).ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return Problem(404, $"Nothing about statement {statementId} has been signed.");
        }

        return Json(new JsonObject
        {
            ["statement"] = statementId,
            ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode)EntryJson(e))]),
        });
    }

    /// <summary>The tree a proof is for: the one of ?size= when given (a head must have been signed at it), else the newest.</summary>
    private static async Task<(TreeHead? Head, IResult? Problem)> TreeAsync(string? size, BayanDb db, TransparencyLog log, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(size))
        {
            var latest = await log.HeadAsync(cancellationToken);
            return latest is null ? (null, Problem(404, "The log is empty: nothing has been signed yet.")) : (latest, null);
        }

        if (!long.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var wanted))
        {
            return (null, Problem(400, "A tree size is a whole number."));
        }

        var head = await db.TreeHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Size == wanted, cancellationToken);
        return head is null ? (null, Problem(404, $"No tree head was signed at size {wanted}.")) : (head, null);
    }

    private static bool Number(string? text, long fallback, out long value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static JsonArray Hashes(IEnumerable<byte[]> hashes) => new([.. hashes.Select(h => (JsonNode)Convert.ToBase64String(h))]);

    /// <summary>Every script as itself, not \u-escaped: served as JSON, never inside a page.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>
    /// Stored JSON written byte for byte. Parsed and written again, an emoji would come out as a \u surrogate pair (the
    /// writer escapes every character beyond the first plane), and a reader copying the record would not have the bytes
    /// that were signed.
    /// </summary>
    private static readonly JsonTypeInfo<string> AsWritten = JsonMetadataServices.CreateValueInfo<string>(Relaxed, new VerbatimJson());

    private sealed class VerbatimJson : JsonConverter<string>
    {
        public override string Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            throw new NotSupportedException("Only written.");

        public override void Write(System.Text.Json.Utf8JsonWriter writer, string value, System.Text.Json.JsonSerializerOptions options) => writer.WriteRawValue(value);
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(Relaxed), "application/json; charset=utf-8");

    private static IResult Problem(int status, string detail) => Results.Problem(statusCode: status, detail: detail);
}
