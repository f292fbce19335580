using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Bayan.Core.Verification;
using Bayan.Data;
using Bayan.Verification;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Cli;

/// <summary>
/// `verify`: checks the site's signatures and public log (docs/verification.md) and that what readers see is what was
/// signed. Exits 1 and names each problem when anything was altered.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(string[] hostArgs)
    {
        var savedHead = new Option<FileInfo?>("--tree-head") { Description = "A tree head saved earlier (JSON, as /log/tree-head.json gives it): check that the log only grew since." };
        var save = new Option<FileInfo?>("--save-tree-head") { Description = "When everything checks out, save the current tree head to this file, for the next check." };
        var site = new Argument<string?>("site") { Description = "A site's address (https://…) to check from its public log instead of this site's database.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("verify", "Check every signature, the public log's tree and what readers see against what was signed.") { site, savedHead, save };
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

            if (result.GetValue(site) is { } address)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                {
                    await Console.Error.WriteLineAsync($"bayan: {address} is not a site's address (https://…).");
                    return 2;
                }

                return await VerifyRemoteAsync(uri, saved, result.GetValue(save), cancellationToken);
            }

            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            var watch = Stopwatch.StartNew();
            var audit = new LogAudit();
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

            if (saved is not null)
            {
                audit.CheckSavedHead(saved);
            }

            var statements = await CheckContentAsync(db, scope.ServiceProvider.GetRequiredService<Notary>(), audit, cancellationToken);
            foreach (var problem in audit.Problems)
            {
                Console.WriteLine(problem);
            }

            if (audit.Problems.Count > 0)
            {
                Console.WriteLine($"verify: {audit.Problems.Count} problem{(audit.Problems.Count == 1 ? "" : "s")} found.");
                return 1;
            }

            Console.WriteLine($"Verified {audit.Entries} signed records, {audit.TreeHeads} tree heads and {statements} statements in {watch.Elapsed.TotalSeconds:0.0} s: all as signed.");
            if (result.GetValue(save) is { } target && heads.Count > 0)
            {
                await File.WriteAllTextAsync(target.FullName, LogEndpoints.HeadJson(heads[^1]).ToJsonString(), cancellationToken);
                Console.WriteLine($"Saved the tree head of {heads[^1].Size} entries to {target.FullName}.");
            }

            return 0;
        });
        return command;
    }

    /// <summary>A site checked from its public addresses alone, as a reader's own program would.</summary>
    private static async Task<int> VerifyRemoteAsync(Uri address, JsonObject? saved, FileInfo? save, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        LogAudit audit;
        JsonObject? head;
        try
        {
            (audit, head) = await RemoteLog.CheckAsync(http, address, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            await Console.Error.WriteLineAsync($"bayan: could not read the site's log: {exception.Message}");
            return 1;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"bayan: {address} did not answer within a minute.");
            return 1;
        }

        if (saved is not null)
        {
            audit.CheckSavedHead(saved);
        }

        audit.Problems.ForEach(Console.WriteLine);
        if (audit.Problems.Count > 0)
        {
            Console.WriteLine($"verify: {audit.Problems.Count} problem{(audit.Problems.Count == 1 ? "" : "s")} found.");
            return 1;
        }

        Console.WriteLine($"Verified {audit.Entries} signed records and the tree head of {address.Host} in {watch.Elapsed.TotalSeconds:0.0} s: all as signed.");
        if (save is not null && head is not null)
        {
            await File.WriteAllTextAsync(save.FullName, head.ToJsonString(), cancellationToken);
            Console.WriteLine($"Saved the tree head of {audit.Entries} entries to {save.FullName}.");
        }

        return 0;
    }

    /// <summary>What readers can read now must be what the last record of each translation says.</summary>
    private static async Task<int> CheckContentAsync(BayanDb db, Notary notary, LogAudit audit, CancellationToken cancellationToken)
    {
        var ids = await notary.Load().Select(s => s.Id).ToListAsync(cancellationToken);
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
                        if (isPublic && audit.Entries > 0)
                        {
                            audit.Problems.Add($"Statement {statement.Id} ({translation.Language}): readers can read it, but it was never signed.");
                        }

                        continue;
                    }

                    if (!LogAudit.ContentHash(record).AsSpan().SequenceEqual(last.ContentHash))
                    {
                        var signed = JsonNode.Parse(await db.LogEntries.Where(e => e.Index == last.Index).Select(e => e.Envelope).SingleAsync(cancellationToken))!["record"]!.AsObject();
                        var differing = record.Select(m => m.Key).Union(signed.Select(m => m.Key))
                            .Where(name => name != StatementRecord.SignedMember && !JsonNode.DeepEquals(record[name], signed[name]));
                        audit.Problems.Add($"Statement {statement.Id} ({translation.Language}): what readers see differs from its signed record (entry {last.Index}) in {string.Join(", ", differing)}; it was changed without being signed.");
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
