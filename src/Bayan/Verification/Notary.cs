using System.Text.Json.Nodes;
using Bayan.Core.Statements;
using Bayan.Core.Verification;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Verification;

/// <summary>
/// Signs and logs what readers can read. For each translation of a statement it builds the record of its public state
/// and, when that differs from the last record logged for it (a publication, a correction, a withdrawal, a reinstatement,
/// signatories or attachments changed, taken down), signs it and appends it to the log — in the caller's transaction,
/// so a change is committed with its signature or not at all.
/// </summary>
public sealed class Notary(BayanDb db, KeyRing keys, TransparencyLog log, TimeProvider time, ILogger<Notary> logger)
{
    private const int BacklogBatch = 200;

    /// <summary>
    /// Records the statements' current public state where it changed. Call inside the transaction that saved the change,
    /// after SaveChanges. Returns how many records were logged (0 also when the site has no signing key yet).
    /// </summary>
    public Task<int> RecordAsync(IReadOnlyCollection<int> statementIds, CancellationToken cancellationToken = default) =>
        RecordAsync(statementIds, Due.AnyChange, cancellationToken);

    /// <summary>Which translations a signing run signs.</summary>
    private enum Due
    {
        /// <summary>Any whose public state differs from its last record: for a change Bayan itself just made.</summary>
        AnyChange,

        /// <summary>
        /// Only those public and never signed, or signed by a key no longer believed with what they still say: what a
        /// catch-up may sign without signing an edit made behind Bayan's back.
        /// </summary>
        Unsigned,
    }

    private async Task<int> RecordAsync(IReadOnlyCollection<int> statementIds, Due due, CancellationToken cancellationToken)
    {
        if (statementIds.Count == 0)
        {
            return 0;
        }

        if (await keys.CurrentAsync(db, cancellationToken) is not { } signer)
        {
            await KeepForLaterAsync(statementIds, cancellationToken);
            return 0;
        }

        var statements = await Load().Where(s => statementIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var latest = await LatestAsync(statementIds, cancellationToken);
        var valid = await ValidKeysAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var entries = new List<LogEntry>();
        foreach (var statement in statements)
        {
            foreach (var translation in statement.Translations.OrderBy(t => t.Id))
            {
                var record = StatementRecord.Of(statement, translation);
                if (!NeedsRecord(record, latest.GetValueOrDefault((statement.Id, translation.Language)), valid, due))
                {
                    continue;
                }

                entries.Add(Sign(statement.Id, translation.Language, record, signer, now));
            }
        }

        if (entries.Count > 0)
        {
            await log.AppendAsync(entries, signer, now, cancellationToken);
            logger.LogInformation("Signed and logged {Count} records", entries.Count);
        }

        return entries.Count;
    }

    /// <summary>
    /// Signs whatever is public but was never signed — published before the site had a key, generated — and what a key
    /// revoked since had signed, a few hundred statements per transaction. A translation whose public state differs from
    /// its last record is left alone: Bayan signs its own changes as it makes them, so such a difference was made behind
    /// its back, and `verify` reports it (<see cref="SignChangesAsync"/> signs it, when its owner says it is theirs).
    /// Returns how many records were logged.
    /// </summary>
    public Task<int> CatchUpAsync(CancellationToken cancellationToken = default) => SignAllAsync(Due.Unsigned, cancellationToken);

    /// <summary>Signs every public state that differs from its last record (`keys sign`, after `verify` showed what).</summary>
    public Task<int> SignChangesAsync(CancellationToken cancellationToken = default) => SignAllAsync(Due.AnyChange, cancellationToken);

    private async Task<int> SignAllAsync(Due due, CancellationToken cancellationToken)
    {
        if (await keys.CurrentAsync(db, cancellationToken) is null)
        {
            return 0;
        }

        // Bayan's own changes an instance without the key could not sign: signed as any change of Bayan's is.
        var logged = 0;
        var waiting = await db.UnsignedStatements.CountAsync(cancellationToken);
        for (var done = 0; done < waiting; done += BacklogBatch)
        {
            logged += await SignBacklogAsync(cancellationToken);
        }

        foreach (var batch in (await UnrecordedAsync(due, cancellationToken)).Chunk(200))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            logged += await RecordAsync(batch, due, cancellationToken);
            await db.UnsignedStatements.Where(u => batch.Contains(u.StatementId)).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return logged;
    }

    /// <summary>
    /// Signs the statements an instance without the private key changed (<see cref="UnsignedStatement"/>), when this one
    /// has it; a no-op query otherwise. Run every few seconds by <see cref="SigningBacklog"/>.
    /// </summary>
    public async Task<int> SignBacklogAsync(CancellationToken cancellationToken = default)
    {
        if (!await db.UnsignedStatements.AnyAsync(cancellationToken) || await keys.CurrentAsync(db, reportMissing: false, cancellationToken) is null)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var waiting = await db.UnsignedStatements.AsNoTracking().OrderBy(u => u.StatementId).Select(u => u.StatementId).Take(BacklogBatch).ToListAsync(cancellationToken);
        var logged = await RecordAsync(waiting, cancellationToken);
        await db.UnsignedStatements.Where(u => waiting.Contains(u.StatementId)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return logged;
    }

    /// <summary>
    /// A site that signs, changed by an instance that cannot (its private key missing, or every key revoked): the change is
    /// noted, in the caller's transaction, for the next instance with a key. A site that never had a key notes nothing:
    /// its first `keys create` signs everything.
    /// </summary>
    private async Task KeepForLaterAsync(IReadOnlyCollection<int> statementIds, CancellationToken cancellationToken)
    {
        if (!await db.SigningKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        var known = await db.UnsignedStatements.Where(u => statementIds.Contains(u.StatementId)).Select(u => u.StatementId).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        db.UnsignedStatements.AddRange(statementIds.Except(known).Select(id => new UnsignedStatement { StatementId = id, Since = now }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The statements with a translation a signing run would sign.</summary>
    private async Task<List<int>> UnrecordedAsync(Due due, CancellationToken cancellationToken)
    {
        var ids = await db.Statements.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken);
        var valid = await ValidKeysAsync(cancellationToken);
        var unrecorded = new List<int>();
        foreach (var batch in ids.Chunk(500))
        {
            var statements = await Load().Where(s => batch.Contains(s.Id)).ToListAsync(cancellationToken);
            var latest = await LatestAsync(batch, cancellationToken);
            unrecorded.AddRange(statements
                .Where(s => s.Translations.Any(t => NeedsRecord(StatementRecord.Of(s, t), latest.GetValueOrDefault((s.Id, t.Language)), valid, due)))
                .Select(s => s.Id));
        }

        return unrecorded;
    }

    /// <summary>
    /// A record is due when readers can read something no record says yet, or when the last record was signed by a key
    /// revoked since (its signature is no longer to be believed); for <see cref="Due.Unsigned"/>, only where the last
    /// record, if any, still says what readers read.
    /// </summary>
    private static bool NeedsRecord(JsonObject record, JsonObject? lastEnvelope, Func<JsonObject, bool> validSignature, Due due)
    {
        if (lastEnvelope?["record"] is not JsonObject last)
        {
            return (string?)record["state"] != "unpublished";
        }

        var same = StatementRecord.SameContent(last, record);
        return due == Due.AnyChange ? !same || !validSignature(lastEnvelope) : same && !validSignature(lastEnvelope);
    }

    private async Task<Func<JsonObject, bool>> ValidKeysAsync(CancellationToken cancellationToken)
    {
        var keys = await db.SigningKeys.AsNoTracking().ToDictionaryAsync(k => k.Id, cancellationToken);
        return envelope => (string?)envelope["key"] is { } id && keys.TryGetValue(id, out var key)
            && (string?)envelope["record"]?[StatementRecord.SignedMember] is { } signed
            && DateTime.TryParse(signed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            && key.ValidAt(at);
    }

    /// <summary>Everything a record is built from.</summary>
    public IQueryable<Statement> Load() => db.Statements.AsNoTracking().AsSplitQuery()
        .Include(s => s.Type).Include(s => s.Series)
        .Include(s => s.Signatories).ThenInclude(x => x.Organization)
        .Include(s => s.Attachments)
        .Include(s => s.Translations).ThenInclude(t => t.Revisions.Where(r => r.WasPublished));

    private static LogEntry Sign(int statementId, string language, JsonObject record, Signer signer, DateTime now)
    {
        record[StatementRecord.SignedMember] = StatementRecord.Time(now);
        var envelope = new JsonObject
        {
            ["record"] = record,
            ["key"] = signer.KeyId,
            ["signature"] = Convert.ToBase64String(signer.Sign(CanonicalJson.Serialize(record))),
        };
        var hashes = (string?)record["body"] is { } body ? TextFingerprint.Hashes((string?)record["title"] ?? "", body) : default;
        return new LogEntry
        {
            StatementId = statementId,
            Language = language,
            Envelope = CanonicalJson.SerializeToString(envelope),
            SignedAt = KeyRing.TruncateToSeconds(now),
            BodyHash = hashes.Body,
            TextHash = hashes.TitleAndBody,
        };
    }

    private async Task<Dictionary<(int StatementId, string Language), JsonObject>> LatestAsync(IReadOnlyCollection<int> statementIds, CancellationToken cancellationToken)
    {
        var envelopes = await db.LogEntries.AsNoTracking()
            .Where(e => statementIds.Contains(e.StatementId))
            .GroupBy(e => new { e.StatementId, e.Language })
            .Select(g => g.OrderByDescending(e => e.Index).Select(e => new { e.StatementId, e.Language, e.Envelope }).First())
            .ToListAsync(cancellationToken);
        return envelopes.ToDictionary(e => (e.StatementId, e.Language), e => (JsonObject)JsonNode.Parse(e.Envelope)!);
    }
}
