using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bayan.Accounts;
using Bayan.Core;
using Bayan.Core.Statements;
using Bayan.Core.Verification;
using Bayan.Data;
using Bayan.Publishing;
using Bayan.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bayan.Tests.Verification;

/// <summary>Signing and logging every public state of every translation, on a real database and site.</summary>
public sealed class SigningTests : IAsyncLifetime
{
    private static readonly Actor Editor = new("editor-id", "editor@example.org", new HashSet<string> { Roles.Editor });

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private BayanApp app = null!;

    public async Task InitializeAsync() => app = await BayanApp.StartAsync(demo: true, clock, "--Bayan:CacheSeconds=0", "--Bayan:SchedulerSeconds=60");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Without_a_key_nothing_is_signed_and_the_first_key_signs_every_public_translation()
    {
        var id = await PublishAsync("Published before the site had a key");
        Assert.Equal(0, await QueryAsync(db => db.LogEntries.CountAsync()));

        var signed = await CreateKeyAsync();

        var publicTranslations = await QueryAsync(db => db.Translations.CountAsync(t => t.IsPublished
            && (t.Statement.Status == StatementStatus.Published || t.Statement.Status == StatementStatus.Withdrawn)));
        Assert.Equal(publicTranslations, signed);
        var head = (await QueryAsync(db => db.TreeHeads.OrderByDescending(h => h.Size).FirstAsync()))!;
        Assert.Equal(signed, head.Size);
        Assert.Single(await EntriesAsync(id));
        Assert.Equal(0, await CatchUpAsync());
        Assert.Empty(await QueryAsync(db => db.UnsignedStatements.ToListAsync()));
    }

    [Fact]
    public async Task Publishing_correcting_and_withdrawing_each_log_a_signed_record_that_verifies_with_the_public_key()
    {
        var key = await CreateKeyAsync();
        var id = await PublishAsync("Water trucks return to Kalat camp", "The trucks returned on 3 March.");
        var corrected = Input(id, "Water trucks return to Kalat camp", "The trucks returned on 4 March.");
        Assert.True((await With<StatementWriter>(w => w.SaveAsync(corrected, Editor))).Succeeded);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await With<Publisher>(p => p.PublishChangesAsync(id, StampOf(id), new Dictionary<string, string?> { ["en"] = "The date was wrong." }, Editor))).Succeeded);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await With<Publisher>(p => p.WithdrawAsync(id, StampOf(id), LocalizedText.Of("en", "Issued in error."), Editor))).Succeeded);

        var entries = await EntriesAsync(id);
        var records = entries.Select(e => Envelope(e)["record"]!.AsObject()).ToList();
        Assert.Equal(["published", "published", "withdrawn"], records.Select(r => (string)r["state"]!));
        Assert.Equal("<p>The trucks returned on 3 March.</p>", ((string)records[0]["body"]!).Trim());
        Assert.Equal("<p>The trucks returned on 4 March.</p>", ((string)records[1]["body"]!).Trim());
        Assert.Equal("The date was wrong.", (string?)records[1]["changeNote"]);
        Assert.Null((string?)records[0]["updatedAt"]);
        Assert.NotNull((string?)records[1]["updatedAt"]);
        Assert.Equal("Issued in error.", (string?)records[2]["withdrawalNote"]);
        Assert.Equal([1, 2, 2], records.Select(r => (int)r["version"]!));

        var publicKey = await QueryAsync(db => db.SigningKeys.SingleAsync());
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(publicKey.PublicKey, out _);
        foreach (var entry in entries)
        {
            var envelope = Envelope(entry);
            var signature = Convert.FromBase64String((string)envelope["signature"]!);
            var signedBytes = CanonicalJson.Serialize(envelope["record"]);
            Assert.Equal(publicKey.Id, (string?)envelope["key"]);
            Assert.True(verifier.VerifyData(signedBytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            signedBytes[^3] ^= 1;
            Assert.False(verifier.VerifyData(signedBytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        Assert.True(key > 0);
    }

    [Fact]
    public async Task Every_entry_is_proved_in_the_signed_tree_head_and_every_head_extends_the_last()
    {
        await CreateKeyAsync();
        var firstHead = await QueryAsync(db => db.TreeHeads.OrderByDescending(h => h.Size).FirstAsync());
        for (var i = 0; i < 5; i++)
        {
            await PublishAsync($"Statement number {i} of the proof test");
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var log = scope.ServiceProvider.GetRequiredService<TransparencyLog>();
        var head = (await log.HeadAsync())!;
        var key = await db.SigningKeys.SingleAsync(k => k.Id == head.KeyId);
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
        Assert.True(verifier.VerifyData(SignedTreeHead.SignedBytes(head), head.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        var entries = await db.LogEntries.AsNoTracking().OrderBy(e => e.Index).ToListAsync();
        Assert.Equal(Enumerable.Range(0, (int)head.Size).Select(i => (long)i), entries.Select(e => e.Index));
        foreach (var entry in entries)
        {
            var proof = await log.InclusionProofAsync(entry.Index, head.Size);
            var leaf = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(entry.Envelope));
            Assert.True(MerkleTree.VerifyInclusion(entry.Index, head.Size, leaf, proof, head.RootHash), $"entry {entry.Index}");
        }

        var consistency = await log.ConsistencyProofAsync(firstHead.Size, head.Size);
        Assert.True(MerkleTree.VerifyConsistency(firstHead.Size, head.Size, firstHead.RootHash, head.RootHash, consistency));

        // The whole tree, recomputed from the entries alone, has the signed root.
        var tree = new MemoryMerkleTree();
        entries.ForEach(e => tree.Append(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(e.Envelope))));
        Assert.Equal(head.RootHash, tree.Root(head.Size));
    }

    [Fact]
    public async Task Saving_a_draft_text_of_a_published_statement_signs_nothing_and_changing_its_signatories_signs_it_again()
    {
        await CreateKeyAsync();
        var id = await PublishAsync("Joint statement on the valley clinics");
        var pending = Input(id, "Joint statement on the valley clinics", "A new paragraph waiting for an editor.");
        Assert.True((await With<StatementWriter>(w => w.SaveAsync(pending, Editor))).Succeeded);
        Assert.Single(await EntriesAsync(id));

        var partner = await QueryAsync(db => db.Organizations.Where(o => !o.IsOwn).Select(o => o.Id).FirstAsync());
        var cosigned = Input(id, "Joint statement on the valley clinics", "A new paragraph waiting for an editor.");
        cosigned.Signatories = [.. cosigned.Signatories, partner];
        Assert.True((await With<StatementWriter>(w => w.SaveAsync(cosigned, Editor))).Succeeded);

        var entries = await EntriesAsync(id);
        Assert.Equal(2, entries.Count);
        Assert.Equal(2, Envelope(entries[^1])["record"]!["signatories"]!.AsArray().Count);
        // The body signed is still the published one, not the waiting draft.
        Assert.DoesNotContain("waiting for an editor", (string)Envelope(entries[^1])["record"]!["body"]!);
    }

    [Fact]
    public async Task A_revoked_key_signatures_are_replaced_by_the_next_key()
    {
        await CreateKeyAsync();
        var id = await PublishAsync("Signed by a key that will be revoked");
        var first = await QueryAsync(db => db.SigningKeys.SingleAsync());
        await WithDbAsync(async db =>
        {
            var key = await db.SigningKeys.SingleAsync();
            key.RevokedAt = key.CreatedAt;
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<KeyRing>().Forget();
        Assert.True((await With<Publisher>(p => p.UnpublishAsync(id, StampOf(id), Editor))).Succeeded);
        Assert.Single(await EntriesAsync(id));

        clock.Advance(TimeSpan.FromSeconds(2));
        var signed = await CreateKeyAsync();

        var entries = await EntriesAsync(id);
        Assert.Equal(2, entries.Count);
        Assert.Equal("unpublished", (string?)Envelope(entries[^1])["record"]!["state"]);
        Assert.NotEqual(first.Id, (string?)Envelope(entries[^1])["key"]);
        Assert.True(signed > 1);
    }

    [Fact]
    public async Task What_an_instance_without_the_private_key_publishes_is_signed_by_the_next_that_has_it_and_nothing_else_is()
    {
        await CreateKeyAsync();
        var edited = await PublishAsync("Signed, then edited in the database");
        var keys = app.Services.GetRequiredService<KeyRing>();
        var file = Path.Combine(keys.KeysDirectory, (await QueryAsync(db => db.SigningKeys.SingleAsync())).Id + ".pem");
        File.Move(file, file + ".elsewhere");
        keys.Forget();

        var id = await PublishAsync("Published by an instance without the private key");
        Assert.Empty(await EntriesAsync(id));
        Assert.Equal([id], await QueryAsync(db => db.UnsignedStatements.Select(u => u.StatementId).ToListAsync()));
        Assert.Equal(0, await With<Notary, int>(n => n.SignBacklogAsync()));

        // Behind Bayan's back, a title changed in the database: nothing signs that on its own.
        await WithDbAsync(db => db.Translations.Where(t => t.StatementId == edited).ExecuteUpdateAsync(t => t.SetProperty(x => x.Title, "A title never published")));
        File.Move(file + ".elsewhere", file);

        Assert.Equal(1, await With<Notary, int>(n => n.SignBacklogAsync()));
        Assert.Equal("Published by an instance without the private key", (string?)Envelope(Assert.Single(await EntriesAsync(id)))["record"]!["title"]);
        Assert.Empty(await QueryAsync(db => db.UnsignedStatements.ToListAsync()));
        Assert.Single(await EntriesAsync(edited));

        // Nor does a catch-up (`keys create`, `generate`): only the owner's explicit `keys sign`.
        Assert.Equal(0, await CatchUpAsync());
        Assert.Single(await EntriesAsync(edited));
        Assert.Equal(1, await With<Notary, int>(n => n.SignChangesAsync()));
        Assert.Equal("A title never published", (string?)Envelope((await EntriesAsync(edited))[^1])["record"]!["title"]);
    }

    private static JsonObject Envelope(LogEntry entry) => JsonNode.Parse(entry.Envelope)!.AsObject();

    private Task<List<LogEntry>> EntriesAsync(int id) =>
        QueryAsync(db => db.LogEntries.AsNoTracking().Where(e => e.StatementId == id).OrderBy(e => e.Index).ToListAsync());

    /// <summary>What `keys create` does: a new key, the old ones retired, and every unsigned public statement signed.</summary>
    private async Task<int> CreateKeyAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in await db.SigningKeys.Where(k => k.RetiredAt == null && k.RevokedAt == null).ToListAsync())
        {
            old.RetiredAt = KeyRing.TruncateToSeconds(now);
        }

        db.SigningKeys.Add(scope.ServiceProvider.GetRequiredService<KeyRing>().Create(now));
        await db.SaveChangesAsync();
        return await scope.ServiceProvider.GetRequiredService<Notary>().CatchUpAsync();
    }

    private async Task<int> CatchUpAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Notary>().CatchUpAsync();
    }

    private async Task<int> PublishAsync(string title, string body = "The statement's text.")
    {
        var outcome = await With<StatementWriter>(w => w.SaveAsync(Input(null, title, body), Editor));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Refusals));
        var id = outcome.StatementId!.Value;
        Assert.True((await With<Publisher>(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);
        return id;
    }

    private StatementInput Input(int? id, string title, string body)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        return new StatementInput
        {
            Id = id,
            ConcurrencyStamp = id is { } existing ? StampOf(existing) : null,
            TypeId = db.StatementTypes.Single(t => t.Slug == "statement").Id,
            Signatories = [db.Organizations.Single(o => o.IsOwn).Id],
            OriginalLanguage = "en",
            Translations = [new TranslationInput { Language = "en", Title = title, Body = body }],
        };
    }

    private string StampOf(int id)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<BayanDb>().Statements.Where(s => s.Id == id).Select(s => s.ConcurrencyStamp).Single();
    }

    private async Task<Outcome> With<T>(Func<T, Task<Outcome>> act)
        where T : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<T>());
    }

    private async Task<TResult> With<T, TResult>(Func<T, Task<TResult>> act)
        where T : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<T>());
    }

    private async Task<T> QueryAsync<T>(Func<BayanDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BayanDb>());
    }

    private async Task WithDbAsync(Func<BayanDb, Task> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<BayanDb>());
    }
}
