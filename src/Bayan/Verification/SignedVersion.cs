using System.Text.Json.Nodes;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Verification;

/// <summary>The log entry that signed the version of a translation a page shows: its position, version and date.</summary>
public sealed record SignedVersion(long Index, int Version, DateTime SignedAt)
{
    /// <summary>
    /// The last record of the translation, if it is of the <paramref name="version"/> readers see; otherwise none (the
    /// page then claims nothing, and `verify` reports the difference).
    /// </summary>
    public static async Task<SignedVersion?> FindAsync(BayanDb db, int statementId, string language, int? version, CancellationToken cancellationToken)
    {
        var last = await db.LogEntries.AsNoTracking()
            .Where(e => e.StatementId == statementId && e.Language == language)
            .OrderByDescending(e => e.Index)
            .Select(e => new { e.Index, e.SignedAt, e.Envelope })
            .FirstOrDefaultAsync(cancellationToken);
        if (last is null || version is null || JsonNode.Parse(last.Envelope)?["record"] is not JsonObject record)
        {
            return null;
        }

        var signedVersion = record["version"] is JsonValue value && value.TryGetValue<int>(out var number) ? number : (int?)null;
        return signedVersion == version && (string?)record["state"] != "unpublished" ? new SignedVersion(last.Index, version.Value, last.SignedAt) : null;
    }
}
