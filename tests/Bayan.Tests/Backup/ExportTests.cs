using System.IO.Compression;
using System.Text.Json;
using Bayan.Cli;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Tests.Backup;

/// <summary>`export` of a running site: every table, every stored file, secrets only when asked, the same bytes twice.</summary>
public sealed class ExportTests
{
    [Fact]
    public async Task A_running_site_is_written_whole_and_the_same_twice_without_its_secrets_unless_asked()
    {
        await using var app = await BayanApp.StartAsync();
        await app.CreateUserAsync("editor@example.org", Bayan.Accounts.Roles.Editor);
        var first = Path.Combine(app.DataDirectory, "first.zip");
        var second = Path.Combine(app.DataDirectory, "second.zip");
        var secret = Path.Combine(app.DataDirectory, "secret.zip");
        var data = $"--Bayan:DataDirectory={app.DataDirectory}";
        Assert.Equal(0, await BayanCommandLine.RunAsync(["export", first, data]));
        Assert.Equal(0, await BayanCommandLine.RunAsync(["export", second, data]));
        Assert.Equal(0, await BayanCommandLine.RunAsync(["export", secret, "--include-secrets", data]));

        using var zip = ZipFile.OpenRead(first);
        var manifest = JsonDocument.Parse(zip.GetEntry("bayan-export.json")!.Open()).RootElement;
        Assert.Equal(("bayan-export", 1), (manifest.GetProperty("format").GetString(), manifest.GetProperty("version").GetInt32()));
        var (scope, db) = app.Db();
        await using (scope)
        {
            Assert.Equal(await db.Statements.CountAsync(), manifest.GetProperty("tables").GetProperty("Statements").GetInt32());
            Assert.Equal(await db.Revisions.CountAsync(), Rows(zip, "Revisions").Count);
            var shas = await db.Attachments.Select(a => a.Sha256).ToListAsync();
            Assert.All(shas, sha => Assert.NotNull(zip.GetEntry($"files/{sha}")));
        }

        // Users and their roles come, their password hashes and the secrets' tables do not.
        var user = Assert.Single(Rows(zip, "AspNetUsers"));
        Assert.Equal("editor@example.org", user.GetProperty("Email").GetString());
        Assert.Equal(JsonValueKind.Null, user.GetProperty("PasswordHash").ValueKind);
        Assert.Single(Rows(zip, "AspNetUserRoles"));
        Assert.Null(zip.GetEntry("tables/ApiTokens.json"));
        using (var withSecrets = ZipFile.OpenRead(secret))
        {
            Assert.Equal(JsonValueKind.String, Assert.Single(Rows(withSecrets, "AspNetUsers")).GetProperty("PasswordHash").ValueKind);
            Assert.NotNull(withSecrets.GetEntry("tables/ApiTokens.json"));
        }

        // Two exports of the same site differ only in the manifest's time.
        using var again = ZipFile.OpenRead(second);
        Assert.Equal(zip.Entries.Select(e => e.FullName), again.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries.Where(e => e.FullName != "bayan-export.json"))
        {
            Assert.True(Bytes(entry).AsSpan().SequenceEqual(Bytes(again.GetEntry(entry.FullName)!)), entry.FullName);
        }
    }

    private static List<JsonElement> Rows(ZipArchive zip, string table) =>
        [.. JsonDocument.Parse(zip.GetEntry($"tables/{table}.json")!.Open()).RootElement.EnumerateArray()];

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
