using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bayan.Core.Statements;
using Bayan.Core.Verification;
using Bayan.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Verification;

/// <summary>The keys, the log and its proofs as a reader's program fetches them, and the marks on the pages.</summary>
[Collection(CommandLineDefinition.Name)]
public sealed class LogEndpointsTests : IAsyncLifetime
{
    private BayanApp app = null!;

    public async Task InitializeAsync()
    {
        app = await BayanApp.StartAsync(demo: true, "--Bayan:CacheSeconds=0");
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await VerificationFeature.SignSampleContentAsync(scope.ServiceProvider) > 0);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_entry_fetched_from_the_site_verifies_against_the_published_key_and_tree_head()
    {
        var keys = await JsonAsync("/.well-known/bayan/keys.json");
        var key = keys["keys"]![0]!;
        using var verifier = ECDsa.Create();
        verifier.ImportFromPem((string)key["publicKey"]!);
        Assert.Equal((string?)key["id"], Convert.ToHexStringLower(SHA256.HashData(verifier.ExportSubjectPublicKeyInfo())));

        var head = await JsonAsync("/log/tree-head.json");
        var size = (long)head["size"]!;
        var root = Convert.FromBase64String((string)head["root"]!);
        Assert.True(Verify(verifier, CanonicalJson.Serialize(new JsonObject
        {
            ["format"] = (string?)head["format"],
            ["size"] = size,
            ["root"] = (string?)head["root"],
            ["timestamp"] = (string?)head["timestamp"],
        }), (string)head["signature"]!));

        var listed = await JsonAsync($"/log/entries.json?start=0&count={size}");
        Assert.Equal(size, listed["entries"]!.AsArray().Count);
        foreach (var index in new[] { 0, size / 2, size - 1 })
        {
            var entry = await JsonAsync($"/log/entries/{index}.json");
            var leaf = MerkleTree.LeafHash(CanonicalJson.Serialize(entry["entry"]));
            Assert.Equal((string?)entry["leafHash"], Convert.ToBase64String(leaf));
            var proof = entry["inclusionProof"]!.AsArray().Select(p => Convert.FromBase64String((string)p!)).ToList();
            Assert.True(MerkleTree.VerifyInclusion(index, size, leaf, proof, root), $"entry {index}");
            Assert.True(Verify(verifier, CanonicalJson.Serialize(entry["entry"]!["record"]), (string)entry["entry"]!["signature"]!));
        }
    }

    [Fact]
    public async Task A_publication_grows_the_log_and_the_site_proves_the_new_head_extends_the_old()
    {
        var before = await JsonAsync("/log/tree-head.json");
        var id = await PublishAsync();

        var after = await JsonAsync("/log/tree-head.json");
        var (first, second) = ((long)before["size"]!, (long)after["size"]!);
        Assert.Equal(first + 1, second);
        var consistency = await JsonAsync($"/log/consistency.json?first={first}&second={second}");
        var proof = consistency["consistencyProof"]!.AsArray().Select(p => Convert.FromBase64String((string)p!)).ToList();
        Assert.True(MerkleTree.VerifyConsistency(first, second, Convert.FromBase64String((string)before["root"]!), Convert.FromBase64String((string)after["root"]!), proof));
        var earlier = await JsonAsync($"/log/tree-heads/{first}.json");
        Assert.Equal((string?)before["root"], (string?)earlier["root"]);

        var history = await JsonAsync($"/log/statements/{id}.json");
        var record = history["entries"]![0]!["entry"]!["record"]!;
        Assert.Equal("A statement for the log's own test", (string?)record["title"]);
        Assert.Equal(second - 1, (long)history["entries"]![0]!["index"]!);
    }

    [OpenSslFact]
    public async Task The_documented_OpenSSL_commands_check_a_record_served_as_the_very_bytes_that_were_signed()
    {
        // Beyond the first plane (an emoji), right to left, and markup-like text: the served record must be the signed bytes.
        const string title = "A statement 🕊️ «آزمون» </script> \\ for the log's own test";
        var id = await PublishAsync(title);
        var stored = await QueryAsync(db => db.LogEntries.Where(e => e.StatementId == id).Select(e => e.Envelope).SingleAsync());
        var served = await app.Client.GetStringAsync(new Uri($"/log/statements/{id}.json", UriKind.Relative));
        Assert.Contains(stored, served, StringComparison.Ordinal);

        var entry = JsonNode.Parse(served)!["entries"]![0]!["entry"]!;
        var key = (await JsonAsync("/.well-known/bayan/keys.json"))["keys"]!.AsArray().Single(k => (string?)k!["id"] == (string?)entry["key"])!;
        var work = Directory.CreateTempSubdirectory("bayan-openssl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(work, "key.pem"), (string)key["publicKey"]!);
        await File.WriteAllBytesAsync(Path.Combine(work, "record.json"), CanonicalJson.Serialize(entry["record"]));
        await File.WriteAllBytesAsync(Path.Combine(work, "record.sig"), Convert.FromBase64String((string)entry["signature"]!));
        Assert.Equal(title, (string?)entry["record"]!["title"]);

        // docs/verification.md, steps 1 and 2: the key's id, then the signature.
        var der = await OpenSslAsync(work, "pkey", "-pubin", "-in", "key.pem", "-outform", "DER", "-out", "key.der");
        Assert.True(der.Exit == 0, der.Output);
        Assert.Equal((string?)key["id"], Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(work, "key.der")))));
        var verified = await OpenSslAsync(work, "dgst", "-sha256", "-verify", "key.pem", "-signature", "record.sig", "record.json");
        Assert.True(verified.Exit == 0 && verified.Output.Contains("Verified OK", StringComparison.Ordinal), verified.Output);

        await File.AppendAllTextAsync(Path.Combine(work, "record.json"), "\n");
        var changed = await OpenSslAsync(work, "dgst", "-sha256", "-verify", "key.pem", "-signature", "record.sig", "record.json");
        Assert.NotEqual(0, changed.Exit);
        Assert.Contains("Verification failure", changed.Output);
        Directory.Delete(work, recursive: true);
    }

    /// <summary>Skipped with a message where OpenSSL is missing, except in CI (CI=true), where it must run.</summary>
    public sealed class OpenSslFactAttribute : FactAttribute
    {
        public const string Program = "/usr/bin/openssl";

        public OpenSslFactAttribute()
        {
            if (!File.Exists(Program) && Environment.GetEnvironmentVariable("CI") != "true")
            {
                Skip = "The documented procedure is tried with OpenSSL (apt-get install openssl); CI runs it.";
            }
        }
    }

    private static async Task<(int Exit, string Output)> OpenSslAsync(string directory, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(OpenSslFactAttribute.Program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task A_statement_page_says_which_signed_version_it_shows_and_links_to_it()
    {
        var id = await PublishAsync();
        using var redirect = await app.Client.GetAsync(new Uri($"/en/statements/{id}", UriKind.Relative));
        var page = await app.GetHtmlAsync(redirect.Headers.Location!.ToString());

        var mark = page.QuerySelector(".statement-verified")!;
        Assert.StartsWith("Signed by the organization: version 1,", mark.QuerySelector("span")!.TextContent.Trim());
        var link = mark.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Last()!;
        var entry = await JsonAsync(link);
        Assert.Equal(page.QuerySelector("h1")!.TextContent, (string?)entry["entry"]!["record"]!["title"]);
        Assert.Equal("/en/verification", mark.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_explanation_is_in_every_language_with_the_key_fingerprint()
    {
        var english = await app.GetHtmlAsync("/en/verification");
        var persian = await app.GetHtmlAsync("/fa/verification");
        var arabic = await app.GetHtmlAsync("/ar/verification");

        Assert.Equal("How to check that a statement is ours", english.QuerySelector("h1")!.TextContent);
        Assert.Equal("چگونه بررسی کنید که بیانیه‌ای از ماست", persian.QuerySelector("h1")!.TextContent);
        Assert.Equal("كيف تتحقق من أن البيان صادر عنا", arabic.QuerySelector("h1")!.TextContent);
        Assert.Equal("rtl", persian.DocumentElement.GetAttribute("dir"));
        var keyId = await QueryAsync(db => db.SigningKeys.Select(k => k.Id).SingleAsync());
        Assert.Equal(AboutModel.Fingerprint(keyId), english.QuerySelector(".fingerprint")!.TextContent);
        Assert.Equal(keyId[..4] + " " + keyId[4..8], AboutModel.Fingerprint(keyId)[..9]);
        Assert.NotNull(persian.QuerySelector("a[href='/fa/verify']"));
        Assert.NotNull(english.QuerySelector($"a[href='{LogEndpoints.PagePath(0)}']"));
    }

    [Fact]
    public async Task The_verify_verb_checks_a_site_from_its_public_addresses_alone_and_catches_a_changed_entry()
    {
        var (exit, output) = await VerifyAsync(app.BaseAddress.ToString());
        Assert.True(exit == 0, output);
        Assert.Matches(@"Verified \d+ signed records and the tree head of 127\.0\.0\.1", output);

        var (scope, db) = app.Db();
        await using (scope)
        {
            var entry = await db.LogEntries.SingleAsync(e => e.Index == 1);
            entry.Envelope = entry.Envelope.Replace("\"version\":", "\"version\":1", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        (exit, output) = await VerifyAsync(app.BaseAddress.ToString());
        Assert.Equal(1, exit);
        Assert.Contains("Entry 1 (statement", output);
        Assert.Contains("the signature does not match", output);
        Assert.Contains("the entries do not give its root hash", output);

        var (refused, _) = await VerifyAsync("http://127.0.0.1:9/");
        Assert.Equal(1, refused);
    }

    [Theory]
    [InlineData("/log/entries/abc.json", 400)]
    [InlineData("/log/entries/-1.json", 400)]
    [InlineData("/log/entries/99999999.json", 404)]
    [InlineData("/log/entries/0.json?size=x", 400)]
    [InlineData("/log/entries/0.json?size=99999", 404)]
    [InlineData("/log/entries.json?start=-5", 400)]
    [InlineData("/log/entries.json?count=0", 400)]
    [InlineData("/log/consistency.json?first=10&second=5", 404)]
    [InlineData("/log/consistency.json?first=a&second=5", 400)]
    [InlineData("/log/consistency.json", 400)]
    [InlineData("/log/tree-heads/123456.json", 404)]
    [InlineData("/log/tree-heads/99999999999999999999999.json", 400)]
    [InlineData("/log/statements/999999.json", 404)]
    [InlineData("/log/pages/first.json", 400)]
    [InlineData("/log/pages/99999999999999999.json", 400)]
    [InlineData("/log/pages/999.json", 404)]
    public async Task Malformed_or_unknown_requests_get_a_clear_4xx(string url, int status)
    {
        using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains("\"detail\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Entries_are_listed_a_thousand_at_most()
    {
        var listed = await JsonAsync("/log/entries.json?start=0&count=5000");

        Assert.InRange(listed["entries"]!.AsArray().Count, 1, LogEndpoints.MaxEntries);
        Assert.Equal(0, (long)listed["entries"]![0]!["index"]!);

        // The same log in fixed pages, for static mirrors: page 0 holds the first thousand and links the next when there is one.
        var page = await JsonAsync(LogEndpoints.PagePath(0));
        var size = (long)page["treeSize"]!;
        Assert.Equal(Math.Min(size, LogEndpoints.MaxEntries), page["entries"]!.AsArray().Count);
        Assert.Equal(size > LogEndpoints.MaxEntries, page["next"] is not null);
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(string site)
    {
        var exit = -1;
        var output = await Captured.OutAsync(async () => exit = await Bayan.Cli.BayanCommandLine.RunAsync(["verify", site]));
        return (exit, output);
    }

    private static bool Verify(ECDsa key, byte[] data, string signature) =>
        key.VerifyData(data, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    private async Task<JsonNode> JsonAsync(string url)
    {
        using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        return JsonNode.Parse(body)!;
    }

    private async Task<int> PublishAsync(string title = "A statement for the log's own test")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Bayan.Data.BayanDb>();
        var editor = new Bayan.Publishing.Actor("editor-id", "editor@example.org", new HashSet<string> { Bayan.Accounts.Roles.Editor });
        var input = new Bayan.Publishing.StatementInput
        {
            TypeId = await db.StatementTypes.Where(t => t.Slug == "statement").Select(t => t.Id).SingleAsync(),
            Signatories = [await db.Organizations.Where(o => o.IsOwn).Select(o => o.Id).SingleAsync()],
            OriginalLanguage = "en",
            Translations = [new Bayan.Publishing.TranslationInput { Language = "en", Title = title, Body = "Its text." }],
        };
        var saved = await scope.ServiceProvider.GetRequiredService<Bayan.Publishing.StatementWriter>().SaveAsync(input, editor);
        var id = saved.StatementId!.Value;
        var stamp = await db.Statements.Where(s => s.Id == id).Select(s => s.ConcurrencyStamp).SingleAsync();
        Assert.True((await scope.ServiceProvider.GetRequiredService<Bayan.Publishing.Publisher>().PublishAsync(id, stamp, editor)).Succeeded);
        Assert.Equal(StatementStatus.Published, await db.Statements.Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
        return id;
    }

    private async Task<T> QueryAsync<T>(Func<Bayan.Data.BayanDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<Bayan.Data.BayanDb>());
    }
}
