using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Bayan.Backup;
using Bayan.Core.Verification;
using Bayan.Data;
using Bayan.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Cli;

/// <summary>
/// `verify`: checks signatures and the public log (docs/verification.md) and that what readers see is what was signed —
/// of this site's database, of a site by its address, of a static mirror's directory or of an export archive. Exits 1
/// and names each problem when anything was altered.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>What one check found: the audit, the newest tree head it checked, and what it covered, for the last line.</summary>
    private sealed record Outcome(LogAudit Audit, JsonObject? Head, string What);

    /// <summary>A saved tree head written as the site serves it (base64's + and / as themselves).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions AsServed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(string[] hostArgs)
    {
        var savedHead = new Option<FileInfo?>("--tree-head") { Description = "A tree head saved earlier (JSON, as /log/tree-head.json gives it): check that the log only grew since." };
        var save = new Option<FileInfo?>("--save-tree-head") { Description = "When everything checks out, save the current tree head to this file, for the next check." };
        var keys = new Option<string[]>("--key")
        {
            Description = "The organization's key id or fingerprint (quoted, as it publishes it elsewhere; repeat --key for several): signatures by any other key are problems.",
        };
        var source = new Argument<string?>("source")
        {
            Description = "Instead of this site's database: a site's address (https://…), a static mirror's directory (`static-site`) or an export archive (`export`).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("verify", "Check every signature, the public log's tree and what readers see against what was signed.") { source, savedHead, save, keys };
        command.SetAction(async (result, cancellationToken) =>
        {
            JsonObject? saved = null;
            if (result.GetValue(savedHead) is { } file)
            {
                try
                {
                    saved = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken)) as JsonObject;
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
                {
                    await Console.Error.WriteLineAsync($"bayan: the saved tree head {file.FullName} could not be read: {exception.Message}");
                    return 1;
                }

                if (saved is null)
                {
                    await Console.Error.WriteLineAsync($"bayan: {file.FullName} is not a tree head.");
                    return 1;
                }
            }

            var trusted = result.GetValue(keys) is { Length: > 0 } given
                ? given.Select(k => string.Concat(k.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant()).ToHashSet(StringComparer.Ordinal)
                : null;
            if (trusted?.FirstOrDefault(k => k.Length != 64 || !k.All(char.IsAsciiHexDigitLower)) is { } malformed)
            {
                await Console.Error.WriteLineAsync($"bayan: --key {malformed} is not a key id: 64 hexadecimal digits (spaces allowed), as `keys list` or the verification page shows it.");
                return 2;
            }

            LogAudit Audit(bool keepRecords = false) => new() { TrustedKeys = trusted, KeepRecords = keepRecords };
            var watch = Stopwatch.StartNew();
            Outcome outcome;
            try
            {
                outcome = result.GetValue(source) switch
                {
                    null => await VerifyDatabaseAsync(hostArgs, Audit(), cancellationToken),
                    var path when Directory.Exists(path) => await VerifyMirrorAsync(path, Audit(keepRecords: true), cancellationToken),
                    var path when File.Exists(path) => await VerifyArchiveAsync(path, Audit(), cancellationToken),
                    var address when Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                        => await VerifySiteAsync(uri, Audit(), cancellationToken),
                    var other => throw new LogSourceException($"{other} is not a site's address (https://…), a directory or an archive."),
                };
            }
            catch (LogSourceException exception)
            {
                await Console.Error.WriteLineAsync($"bayan: {exception.Message}");
                return 1;
            }

            return await ReportAsync(outcome, saved, result.GetValue(save), watch.Elapsed, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ReportAsync(Outcome outcome, JsonObject? saved, FileInfo? save, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var audit = outcome.Audit;
        var problems = audit.Problems.Count;
        if (saved is not null)
        {
            audit.CheckSavedHead(saved);
        }

        var grewFromSaved = saved is not null && audit.Problems.Count == problems;

        if (audit.NewestTreeHeadBelieved is false)
        {
            audit.Problems.Add("The newest tree head was signed by a key revoked or out of its validity at that time: the log's present state is not vouched for.");
        }

        if (audit.TrustedKeys is not null && audit.KeysUsed.Count == 0)
        {
            audit.Problems.Add("Nothing here is signed by the keys you trust (--key).");
        }

        audit.Problems.ForEach(Console.WriteLine);
        if (audit.Problems.Count > 0)
        {
            Console.WriteLine($"verify: {audit.Problems.Count} problem{(audit.Problems.Count == 1 ? "" : "s")} found.");
            return 1;
        }

        Console.WriteLine($"Verified {outcome.What} in {elapsed.TotalSeconds:0.0} s: all as signed.");
        if (outcome.Head is not null)
        {
            // A copy can be a true one of an earlier day: only a tree head saved since (--tree-head) shows it is not older.
            Console.WriteLine($"  the newest tree head checked: {outcome.Head["size"]} entries, signed {outcome.Head["timestamp"]}.");
        }

        if (grewFromSaved)
        {
            Console.WriteLine($"  the log only grew since the saved tree head of {saved!["size"]} entries.");
        }

        foreach (var key in audit.KeysUsed)
        {
            Console.WriteLine(audit.TrustedKeys is null
                ? $"  signed with the key {AboutModel.Fingerprint(key)}: compare it with the one the organization publishes."
                : $"  signed with the key {AboutModel.Fingerprint(key)}, one you trust.");
        }

        if (save is not null && outcome.Head is not null)
        {
            await File.WriteAllTextAsync(save.FullName, outcome.Head.ToJsonString(AsServed), cancellationToken);
            Console.WriteLine($"Saved the tree head of {audit.Entries} entries to {save.FullName}.");
        }

        return 0;
    }

    /// <summary>A site checked from its public addresses alone, as a reader's own program would.</summary>
    private static async Task<Outcome> VerifySiteAsync(Uri address, LogAudit audit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var head = await PublishedLog.CheckAsync(PublishedLog.Site(http, address), audit, cancellationToken);
        return new Outcome(audit, head, $"{audit.Entries} signed records and the tree head of {address.Host}");
    }

    /// <summary>A static mirror, offline: its copy of the log, then each statement page against its last record.</summary>
    private static async Task<Outcome> VerifyMirrorAsync(string directory, LogAudit audit, CancellationToken cancellationToken)
    {
        var head = await PublishedLog.CheckAsync(PublishedLog.Mirror(directory), audit, cancellationToken)
            ?? throw new LogSourceException($"{directory} holds no log (log/tree-head.json): it is not a mirror of a site that signs its statements.");
        var pages = await MirrorPages.CheckAsync(directory, audit, cancellationToken);
        return new Outcome(audit, head, $"{audit.Entries} signed records, the tree head and {pages} statement pages of the mirror");
    }

    /// <summary>An export, restored into a scratch SQLite database (whatever this site runs on) and checked as the site is.</summary>
    private static async Task<Outcome> VerifyArchiveAsync(string archive, LogAudit audit, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("bayan-verify-");
        try
        {
            string[] settings =
            [
                $"--Bayan:DataDirectory={scratch.FullName}", "--Bayan:Database:Provider=Sqlite", "--ConnectionStrings:Bayan=",
                "--ConnectionStrings:BayanReplica=", "--Bayan:Files:Store=Directory",
            ];
            using var host = await VerbHost.StartAsync(settings, cancellationToken);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                try
                {
                    await scope.ServiceProvider.GetRequiredService<SiteRestore>().RestoreAsync(Path.GetFullPath(archive), rebuildSearchIndex: false, cancellationToken);
                }
                catch (RestoreException exception)
                {
                    throw new LogSourceException($"{archive} cannot be read as an export: {exception.Message}", exception);
                }
            }

            var outcome = await VerifyDatabaseAsync(host, audit, cancellationToken);
            return outcome with { What = outcome.What + $" of {Path.GetFileName(archive)}" };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A scratch copy left in the temporary folder must not hide what the check found.
            }
        }
    }

    private static async Task<Outcome> VerifyDatabaseAsync(string[] hostArgs, LogAudit audit, CancellationToken cancellationToken)
    {
        using var host = await VerbHost.StartAsync(hostArgs, cancellationToken, prepareDatabase: false);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        if (DatabaseSetup.Provider(configuration) == DatabaseProvider.Sqlite && DatabaseSetup.SqliteFile(configuration) is { } file && !File.Exists(file))
        {
            // An empty database made here would verify "all as signed": a mistyped data directory must not.
            throw new LogSourceException($"There is no database at {file}: give the site's --Bayan:DataDirectory.");
        }

        await VerbHost.PrepareAsync(host, cancellationToken);
        return await VerifyDatabaseAsync(host, audit, cancellationToken);
    }

    /// <summary>The database: keys, every entry, every signed tree head, the stored nodes, and what readers see.</summary>
    private static async Task<Outcome> VerifyDatabaseAsync(IHost host, LogAudit audit, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        audit.AddKeys(await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken));
        await foreach (var entry in db.LogEntries.AsNoTracking().OrderBy(e => e.Index).Select(e => new { e.Index, e.Envelope }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            audit.AddEntry(entry.Index, entry.Envelope);
        }

        var heads = await db.TreeHeads.AsNoTracking().OrderBy(h => h.Size).ToListAsync(cancellationToken);
        heads.ForEach(audit.AddTreeHead);
        await foreach (var node in db.LogNodes.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            audit.AddNode(node);
        }

        if (heads.Count > 0 && heads[^1].Size != audit.Entries)
        {
            audit.Problems.Add($"The newest tree head covers {heads[^1].Size} entries, the log holds {audit.Entries}.");
        }

        var statements = await CheckContentAsync(db, scope.ServiceProvider.GetRequiredService<Notary>(), audit, cancellationToken);
        return new Outcome(audit, heads.Count > 0 ? LogEndpoints.HeadJson(heads[^1]) : null,
            $"{audit.Entries} signed records, {audit.TreeHeads} tree head{(audit.TreeHeads == 1 ? "" : "s")} and {statements} statements");
    }

    /// <summary>What readers can read now must be what the last record of each translation says.</summary>
    private static async Task<int> CheckContentAsync(BayanDb db, Notary notary, LogAudit audit, CancellationToken cancellationToken)
    {
        var ids = await notary.Load().Select(s => s.Id).ToListAsync(cancellationToken);
        // A site that signs (it has a key, a log, or the reader names its keys) must have signed everything public.
        var signs = audit.Entries > 0 || audit.TrustedKeys is not null || await db.SigningKeys.AnyAsync(cancellationToken);
        var waiting = await db.UnsignedStatements.AsNoTracking().ToDictionaryAsync(u => u.StatementId, u => u.Since, cancellationToken);
        foreach (var batch in ids.Chunk(500))
        {
            foreach (var statement in await notary.Load().Where(s => batch.Contains(s.Id)).ToListAsync(cancellationToken))
            {
                foreach (var translation in statement.Translations)
                {
                    var record = StatementRecord.Of(statement, translation);
                    var isPublic = (string?)record["state"] != "unpublished";
                    if (!audit.Latest.TryGetValue((statement.Id, translation.Language), out var last))
                    {
                        if (isPublic && signs)
                        {
                            audit.Problems.Add(waiting.TryGetValue(statement.Id, out var since)
                                ? $"Statement {statement.Id} ({translation.Language}): published on {since:u} by an instance without the private key, it waits to be signed by one that has it."
                                : $"Statement {statement.Id} ({translation.Language}): readers can read it, but it was never signed (if it is yours, `keys sign` signs it).");
                        }

                        continue;
                    }

                    var asSigned = LogAudit.ContentHash(record).AsSpan().SequenceEqual(last.ContentHash);
                    if (!asSigned && waiting.TryGetValue(statement.Id, out var changedAt))
                    {
                        audit.Problems.Add($"Statement {statement.Id} ({translation.Language}): changed on {changedAt:u} by an instance without the private key, it waits to be signed by one that has it.");
                    }
                    else if (!asSigned)
                    {
                        var signed = JsonNode.Parse(await db.LogEntries.Where(e => e.Index == last.Index).Select(e => e.Envelope).SingleAsync(cancellationToken))!["record"]!.AsObject();
                        var differing = record.Select(m => m.Key).Union(signed.Select(m => m.Key))
                            .Where(name => name != StatementRecord.SignedMember && !JsonNode.DeepEquals(record[name], signed[name]));
                        audit.Problems.Add($"Statement {statement.Id} ({translation.Language}): what readers see differs from its signed record (entry {last.Index}) in {string.Join(", ", differing)}; it was changed without being signed (if the change is yours, `keys sign` signs it).");
                    }
                    else if (isPublic && !last.Believed)
                    {
                        audit.Problems.Add($"Statement {statement.Id} ({translation.Language}): its signature (entry {last.Index}) was made by a key revoked or out of its validity; run `keys create` to sign it again.");
                    }
                }
            }
        }

        return ids.Count;
    }
}
