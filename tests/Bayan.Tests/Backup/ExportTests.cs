using System.IO.Compression;
using System.Text.Json;
using Bayan.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bayan.Tests.Backup;

/// <summary>`export` of a running site: every table, every stored file, secrets only when asked, the same bytes twice.</summary>
[Collection(CommandLineDefinition.Name)]
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
        var data = await TestDatabase.VerbSettingsAsync(app.DataDirectory);
        Assert.Equal(0, await BayanCommandLine.RunAsync(["export", first, .. data]));
        Assert.Equal(0, await BayanCommandLine.RunAsync(["export", second, .. data]));
        Assert.Equal(0, await BayanCommandLine.RunAsync(["export", secret, "--include-secrets", .. data]));

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

    internal static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>`restore`: an export brought back into a new data directory is the same site, byte for byte; bad archives change nothing.</summary>
[Collection(CommandLineDefinition.Name)]
public sealed class RestoreTests
{
    /// <summary>Two archives hold the same tables and files, byte for byte (their manifests differ in the time only).</summary>
    private static void AssertSameContent(string archive, string again)
    {
        using var first = ZipFile.OpenRead(archive);
        using var second = ZipFile.OpenRead(again);
        Assert.Equal(first.Entries.Select(e => e.FullName), second.Entries.Select(e => e.FullName));
        foreach (var entry in first.Entries.Where(e => e.FullName != "bayan-export.json"))
        {
            Assert.True(ExportTests.Bytes(entry).AsSpan().SequenceEqual(ExportTests.Bytes(second.GetEntry(entry.FullName)!)), entry.FullName);
        }
    }

    [Fact]
    public async Task An_export_restored_into_a_new_directory_exports_again_to_the_same_bytes_and_serves_the_same_pages()
    {
        string archive;
        string page;
        await using (var original = await BayanApp.StartAsync())
        {
            await original.CreateUserAsync("editor@example.org", Bayan.Accounts.Roles.Editor);
            archive = Path.Combine(Path.GetTempPath(), $"bayan-restore-{Guid.NewGuid():N}.zip");
            Assert.Equal(0, await BayanCommandLine.RunAsync(["export", archive, "--include-secrets", .. await TestDatabase.VerbSettingsAsync(original.DataDirectory)]));
            page = await original.Client.GetStringAsync("/en/statements?page=2");
        }

        var directory = Directory.CreateTempSubdirectory("bayan-restored-").FullName;
        Assert.Equal(0, await BayanCommandLine.RunAsync(["restore", archive, .. await TestDatabase.VerbSettingsAsync(directory)]));
        var again = Path.Combine(directory, "again.zip");
        Assert.Equal(0, await BayanCommandLine.RunAsync(["export", again, "--include-secrets", .. await TestDatabase.VerbSettingsAsync(directory)]));
        AssertSameContent(archive, again);

        await using var restored = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        Assert.Equal(MainOf(page), MainOf(await restored.Client.GetStringAsync("/en/statements?page=2")));
        var search = await restored.GetHtmlAsync("/en/search?q=water");
        Assert.NotEmpty(search.QuerySelectorAll(".entries .entry"));
        var (_, response) = await restored.SignInAsync("editor@example.org", BayanApp.DefaultPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);

        // A site with content is never restored over.
        Assert.Equal(1, await BayanCommandLine.RunAsync(["restore", archive, .. await TestDatabase.VerbSettingsAsync(directory)]));
    }

#if POSTGRES
    [Fact]
    public async Task A_sqlite_site_exported_and_restored_into_postgres_is_the_same_site()
    {
        // The way an organization moves: export from the SQLite site, restore into PostgreSQL.
        var sqliteDirectory = Directory.CreateTempSubdirectory("bayan-sqlite-").FullName;
        string[] onSqlite = ["--Bayan:Database:Provider=Sqlite", $"--ConnectionStrings:Bayan=Data Source={Path.Combine(sqliteDirectory, "bayan.db")}"];
        var archive = Path.Combine(Path.GetTempPath(), $"bayan-move-{Guid.NewGuid():N}.zip");
        string listing, statement;
        await using (var original = await BayanApp.StartOnAsync(demo: true, clock: null, sqliteDirectory, onSqlite))
        {
            await original.CreateUserAsync("editor@example.org", Bayan.Accounts.Roles.Editor);
            Assert.Equal(0, await BayanCommandLine.RunAsync(["export", archive, "--include-secrets", $"--Bayan:DataDirectory={sqliteDirectory}", .. onSqlite]));
            listing = await original.Client.GetStringAsync("/fa/statements?page=2");
            statement = await original.Client.GetStringAsync(FirstStatementLink(listing));
        }

        var directory = Directory.CreateTempSubdirectory("bayan-postgres-").FullName;
        Assert.Equal(0, await BayanCommandLine.RunAsync(["restore", archive, .. await TestDatabase.VerbSettingsAsync(directory)]));
        var again = Path.Combine(directory, "again.zip");
        Assert.Equal(0, await BayanCommandLine.RunAsync(["export", again, "--include-secrets", .. await TestDatabase.VerbSettingsAsync(directory)]));
        AssertSameContent(archive, again);

        await using var moved = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        Assert.Equal(MainOf(listing), MainOf(await moved.Client.GetStringAsync("/fa/statements?page=2")));
        Assert.Equal(MainOf(statement), MainOf(await moved.Client.GetStringAsync(FirstStatementLink(listing))));
        Assert.NotEmpty((await moved.GetHtmlAsync("/fa/search?q=" + Uri.EscapeDataString("کلات"))).QuerySelectorAll(".entries .entry"));
        var (_, response) = await moved.SignInAsync("editor@example.org", BayanApp.DefaultPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);

        // New rows take ids after the moved ones, in every table whose ids the database gives (int and bigint alike).
        var (scope, db) = moved.Db();
        await using (scope)
        {
            var (largestStatement, largestEvent) = (await db.Statements.MaxAsync(s => s.Id), await db.AuditEvents.MaxAsync(e => e.Id));
            var statementType = await db.StatementTypes.FirstAsync();
            var added = new Bayan.Core.Statements.Statement { TypeId = statementType.Id, CreatedAt = DateTime.UnixEpoch, UpdatedAt = DateTime.UnixEpoch };
            var audited = new Bayan.Core.Audit.AuditEvent { At = DateTime.UnixEpoch, Action = "test" };
            db.AddRange(added, audited);
            await db.SaveChangesAsync();
            Assert.True(added.Id > largestStatement);
            Assert.True(audited.Id > largestEvent);
        }
    }

    private static string FirstStatementLink(string listing) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(listing).QuerySelector(".entries .entry-title a")!.GetAttribute("href")!;
#endif

    [Fact]
    public async Task An_archive_written_at_an_older_schema_is_restored_at_it_and_migrated_forward()
    {
        string archive;
        string page;
        await using (var original = await BayanApp.StartAsync())
        {
            archive = Path.Combine(original.DataDirectory, "current.zip");
            Assert.Equal(0, await BayanCommandLine.RunAsync(["export", archive, .. await TestDatabase.VerbSettingsAsync(original.DataDirectory)]));
            page = await original.Client.GetStringAsync("/fa/statements");
            archive = await AgedCopyAsync(archive, Path.Combine(Path.GetTempPath(), $"bayan-aged-{Guid.NewGuid():N}.zip"));
        }

        var directory = Directory.CreateTempSubdirectory("bayan-restored-").FullName;
        Assert.Equal(0, await BayanCommandLine.RunAsync(["restore", archive, .. await TestDatabase.VerbSettingsAsync(directory)]));
        await using var restored = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        Assert.Equal(MainOf(page), MainOf(await restored.Client.GetStringAsync("/fa/statements")));
        var (scope, db) = restored.Db();
        await using (scope)
        {
            // Brought up to date: the tables added since the archive's schema are there (and empty).
            Assert.Equal(db.Database.GetMigrations().Last(), (await db.Database.GetAppliedMigrationsAsync()).Last());
            Assert.Equal(0, await db.ApiTokens.CountAsync());
            Assert.True(await db.Statements.AnyAsync());
        }
    }

    /// <summary>
    /// The archive as the Bayan of an older migration (the one before API tokens) would have written it: only the tables
    /// and columns that schema had, and its name in the manifest.
    /// </summary>
    private static async Task<string> AgedCopyAsync(string archive, string aged)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"bayan-schema-{Guid.NewGuid():N}.db");
        string schema;
        var columns = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var options = new DbContextOptionsBuilder<Bayan.Data.BayanDb>().UseSqlite($"Data Source={scratch};Pooling=False").Options;
        await using (var db = new Bayan.Data.BayanDb(options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            schema = migrations[migrations.FindIndex(m => m.EndsWith("_ApiTokens", StringComparison.Ordinal)) - 1];
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(schema);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                (columns.TryGetValue(reader.GetString(0), out var set) ? set : columns[reader.GetString(0)] = new(StringComparer.Ordinal)).Add(reader.GetString(1));
            }
        }

        File.Delete(scratch);
        using var source = ZipFile.OpenRead(archive);
        using var target = ZipFile.Open(aged, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            var bytes = ExportTests.Bytes(entry);
            if (entry.FullName == "bayan-export.json")
            {
                var manifest = System.Text.Json.Nodes.JsonNode.Parse(bytes)!;
                manifest["schema"] = schema;
                bytes = System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
            }
            else if (entry.FullName.StartsWith("tables/", StringComparison.Ordinal))
            {
                if (!columns.TryGetValue(entry.FullName["tables/".Length..^".json".Length], out var kept))
                {
                    continue;
                }

                var rows = System.Text.Json.Nodes.JsonNode.Parse(bytes)!.AsArray();
                foreach (var row in rows.Select(r => r!.AsObject()))
                {
                    foreach (var column in row.Select(c => c.Key).Where(c => !kept.Contains(c)).ToList())
                    {
                        row.Remove(column);
                    }
                }

                bytes = System.Text.Encoding.UTF8.GetBytes(rows.ToJsonString());
            }

            await using var stream = target.CreateEntry(entry.FullName).Open();
            await stream.WriteAsync(bytes);
        }

        return aged;
    }

    [Theory]
    [InlineData("../outside.txt", "never writes")]
    [InlineData("files/../../bayan.db", "never writes")]
    [InlineData("bomb", "zip bomb")]
    public async Task Archives_that_climb_out_or_expand_enormously_are_refused_and_nothing_is_written(string entry, string said)
    {
        var directory = Directory.CreateTempSubdirectory("bayan-restored-").FullName;
        var archive = Path.Combine(directory, "bad.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            await using (var manifest = zip.CreateEntry("bayan-export.json").Open())
            {
                await manifest.WriteAsync("""{"format":"bayan-export","version":1}"""u8.ToArray());
            }

            var bomb = entry == "bomb";
            await using var stream = zip.CreateEntry(bomb ? "tables/Statements.json" : entry, CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < (bomb ? 200 : 1); i++)
            {
                await stream.WriteAsync(zeros);
            }
        }

        var errors = await Captured.ErrorAsync(async () =>
        {
            Assert.Equal(1, await BayanCommandLine.RunAsync(["restore", archive, .. await TestDatabase.VerbSettingsAsync(directory)]));
        });

        Assert.Contains(said, errors.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(directory)!, "outside.txt")));
        Assert.False(Directory.Exists(Path.Combine(directory, "files")));
    }

    private static string MainOf(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("main")!.OuterHtml;
}
