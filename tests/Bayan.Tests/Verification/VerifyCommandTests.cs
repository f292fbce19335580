using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bayan.Cli;
using Bayan.Core.Statements;
using Bayan.Core.Verification;
using Bayan.Verification;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Tests.Verification;

/// <summary>`keys` and `verify` on the sample site, and every kind of tampering `verify` must catch.</summary>
[Collection(CommandLineDefinition.Name)]
public sealed class VerifyCommandTests : IAsyncLifetime
{
    private BayanApp app = null!;
    private string[] verb = [];

    public async Task InitializeAsync()
    {
        app = await BayanApp.StartAsync();
        verb = await TestDatabase.VerbSettingsAsync(app.DataDirectory);
        var created = await Captured.OutAsync(async () => Assert.Equal(0, await BayanCommandLine.RunAsync(["keys", "create", .. verb])));
        Assert.Contains("Created signing key", created);
        Assert.Matches(@"Signed and logged [1-9]\d* records", created);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_site_as_signed_verifies_and_its_tree_head_can_be_saved_for_next_time()
    {
        var saved = Path.Combine(app.DataDirectory, "head.json");

        var (exit, output) = await VerifyAsync("--save-tree-head", saved);

        Assert.True(exit == 0, output);
        Assert.Matches(@"Verified \d+ signed records, 1 tree head and \d+ statements", output);
        var head = JsonNode.Parse(await File.ReadAllTextAsync(saved))!;
        Assert.True((long)head["size"]! > 0);
        (exit, output) = await VerifyAsync("--tree-head", saved);
        Assert.True(exit == 0, output);
        Assert.Contains($"the log only grew since the saved tree head of {head["size"]} entries", output);

        var error = await Captured.ErrorAsync(async () => Assert.Equal(2, await BayanCommandLine.RunAsync(["verify", "--key", "dc1f be4d", .. verb])));
        Assert.Contains("--key dc1fbe4d is not a key id", error);
    }

    [Fact]
    public async Task A_title_changed_in_the_database_is_caught_and_named()
    {
        var (scope, db) = app.Db();
        await using (scope)
        {
            var translation = await db.Translations.FirstAsync(t => t.IsPublished && t.Language == "en" && t.Statement.Status == StatementStatus.Published);
            translation.Title += " (quietly edited)";
            await db.SaveChangesAsync();

            var (exit, output) = await VerifyAsync();

            Assert.Equal(1, exit);
            Assert.Contains($"Statement {translation.StatementId} (en): what readers see differs from its signed record", output);
            Assert.Contains("in title;", output);
            Assert.Contains("1 problem found", output);
        }
    }

    [Fact]
    public async Task A_log_entry_changed_is_caught_by_its_signature_and_the_tree_heads()
    {
        var (scope, db) = app.Db();
        await using (scope)
        {
            var entry = await db.LogEntries.OrderBy(e => e.Index).FirstAsync();
            entry.Envelope = entry.Envelope.Replace("\"state\":\"published\"", "\"state\":\"withdrawn\"", StringComparison.Ordinal);
            await db.SaveChangesAsync();

            var (exit, output) = await VerifyAsync();

            Assert.Equal(1, exit);
            Assert.Contains($"Entry 0 (statement {entry.StatementId}, {entry.Language}): the signature does not match", output);
            Assert.Contains("the entries do not give its root hash", output);
            Assert.Contains("does not match the entries", output);
        }
    }

    [Fact]
    public async Task An_entry_holding_what_no_record_holds_is_a_problem_not_a_crash()
    {
        var (scope, db) = app.Db();
        await using (scope)
        {
            var entry = await db.LogEntries.OrderBy(e => e.Index).FirstAsync();
            var changed = System.Text.RegularExpressions.Regex.Replace(entry.Envelope, "\"version\":(\\d+)", "\"version\":$1.5");
            Assert.NotEqual(entry.Envelope, changed);
            entry.Envelope = changed;
            await db.SaveChangesAsync();

            var (exit, output) = await VerifyAsync();

            Assert.Equal(1, exit);
            Assert.Contains("Entry 0: holds what no signed record holds", output);
        }
    }

    [Fact]
    public async Task A_mistyped_data_directory_or_a_log_emptied_is_never_all_as_signed()
    {
        var missing = Path.Combine(app.DataDirectory, "no-such-site");
        var error = await Captured.ErrorAsync(async () => Assert.Equal(1, await BayanCommandLine.RunAsync(["verify", $"--Bayan:DataDirectory={missing}"])));
        Assert.Contains("There is no database at", error);
        Assert.False(Directory.Exists(missing) && Directory.EnumerateFiles(missing).Any(), "verify made a database");

        var (scope, db) = app.Db();
        await using (scope)
        {
            var key = await db.SigningKeys.SingleAsync();
            await db.LogEntries.ExecuteDeleteAsync();
            await db.LogNodes.ExecuteDeleteAsync();
            await db.TreeHeads.ExecuteDeleteAsync();

            var (exit, output) = await VerifyAsync();
            Assert.Equal(1, exit);
            Assert.Contains("readers can read it, but it was never signed", output);

            await db.SigningKeys.ExecuteDeleteAsync();
            (exit, output) = await VerifyAsync("--key", key.Id);
            Assert.Equal(1, exit);
            Assert.Contains("Nothing here is signed by the keys you trust (--key).", output);
        }
    }

    [Fact]
    public async Task A_removed_entry_is_caught()
    {
        var (scope, db) = app.Db();
        await using (scope)
        {
            var last = await db.LogEntries.OrderByDescending(e => e.Index).FirstAsync();
            db.LogEntries.Remove(last);
            await db.SaveChangesAsync();

            var (exit, output) = await VerifyAsync();

            Assert.Equal(1, exit);
            Assert.Contains("entries were removed", output);
            Assert.Contains($"Statement {last.StatementId} ({last.Language}): readers can read it, but it was never signed", output);
        }
    }

    [Fact]
    public async Task A_history_rewritten_by_someone_holding_the_key_is_caught_against_a_saved_tree_head()
    {
        var saved = Path.Combine(app.DataDirectory, "head.json");
        Assert.Equal(0, (await VerifyAsync("--save-tree-head", saved)).Exit);

        // An insider with the private key changes the first record, signs it again and rebuilds the whole log.
        var (scope, db) = app.Db();
        await using (scope)
        {
            var key = await db.SigningKeys.SingleAsync();
            using var signer = ECDsa.Create();
            signer.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "signing-keys", key.Id + ".pem")));
            var first = await db.LogEntries.OrderBy(e => e.Index).FirstAsync();
            var envelope = JsonNode.Parse(first.Envelope)!.AsObject();
            var record = envelope["record"]!.AsObject();
            record["title"] = "A title it never had";
            envelope["signature"] = Convert.ToBase64String(signer.SignData(CanonicalJson.Serialize(record), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            first.Envelope = CanonicalJson.SerializeToString(envelope);
            await db.SaveChangesAsync();

            var tree = new MemoryMerkleTree();
            var frontier = new MerkleFrontier(0, []);
            await db.LogNodes.ExecuteDeleteAsync();
            foreach (var entry in await db.LogEntries.AsNoTracking().OrderBy(e => e.Index).ToListAsync())
            {
                var leaf = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(entry.Envelope));
                tree.Append(leaf);
                db.LogNodes.AddRange(frontier.Append(leaf).Select(n => new LogNode { Id = LogNode.Key(n.Level, n.Index), Hash = n.Hash }));
            }

            var head = await db.TreeHeads.SingleAsync();
            head.RootHash = tree.Root(tree.Size);
            head.Frontier = frontier.Pack();
            head.Signature = signer.SignData(SignedTreeHead.SignedBytes(head), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            await db.SaveChangesAsync();
        }

        // Alone, the rewritten log is consistent with itself (only the site's content betrays it)...
        var (_, alone) = await VerifyAsync();
        Assert.DoesNotContain("saved tree head", alone);
        Assert.DoesNotContain("signature does not match", alone);

        // ...but not with what an auditor saw before.
        var (exit, output) = await VerifyAsync("--tree-head", saved);
        Assert.Equal(1, exit);
        Assert.Contains("no longer give the saved tree head's root: the log was rewritten", output);
    }

    [Fact]
    public async Task Keys_are_listed_revoked_and_replaced_and_verify_says_when_a_signature_is_no_longer_believed()
    {
        var listed = await Captured.OutAsync(async () => Assert.Equal(0, await BayanCommandLine.RunAsync(["keys", "list", .. verb])));
        var id = listed.Split(' ')[0];
        Assert.Contains("current", listed);
        Assert.Equal(64, id.Length);

        var revoked = await Captured.OutAsync(async () => Assert.Equal(0, await BayanCommandLine.RunAsync(["keys", "revoke", id[..8], "--from", "2000-01-01T00:00:00Z", "--note", "Laptop stolen", .. verb])));
        Assert.Contains($"Revoked {id}", revoked);
        var (exit, output) = await VerifyAsync();
        Assert.Equal(1, exit);
        Assert.Contains("was made by a key revoked or out of its validity; run `keys create`", output);

        var unknown = await Captured.ErrorAsync(async () => Assert.Equal(1, await BayanCommandLine.RunAsync(["keys", "revoke", "ffffffff", .. verb])));
        Assert.Contains("no signing key ffffffff", unknown);

        var created = await Captured.OutAsync(async () => Assert.Equal(0, await BayanCommandLine.RunAsync(["keys", "create", .. verb])));
        Assert.Matches(@"Signed and logged [1-9]\d* records", created);
        (exit, output) = await VerifyAsync();
        Assert.True(exit == 0, output);
        listed = await Captured.OutAsync(async () => Assert.Equal(0, await BayanCommandLine.RunAsync(["keys", "list", .. verb])));
        Assert.Contains("revoked from", listed);
        Assert.Contains("(Laptop stolen)", listed);
    }

    private async Task<(int Exit, string Output)> VerifyAsync(params string[] options)
    {
        var exit = -1;
        var output = await Captured.OutAsync(async () => exit = await BayanCommandLine.RunAsync(["verify", .. options, .. verb]));
        return (exit, output);
    }
}
