using System.IO.Compression;
using System.Text.Json;
using Bayan.Attachments;
using Bayan.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Backup;

/// <summary>What an export wrote.</summary>
public sealed record ExportReport(IReadOnlyDictionary<string, int> Tables, int Files, IReadOnlyList<string> MissingFiles);

/// <summary>
/// Writes the whole site to one open archive (docs/backup.md): a zip of one JSON file per table, every row, and the
/// stored files the rows name. It reads a copy of the database made with SQLite's online backup, so the site keeps
/// serving and the archive is one consistent moment (from PostgreSQL, a SQLite copy read in one transaction). Secrets (password hashes, two-factor keys, API token hashes,
/// webhook secrets, the keys that protect cookies) only when asked.
/// </summary>
public sealed class SiteExport(BayanDb db, FileStore files, TimeProvider time)
{
    public const string Format = "bayan-export";

    public const int Version = 1;

    /// <summary>Rows that are not the site: sessions end, deliveries are a passing log, and stored files' bytes go in files/.</summary>
    private static readonly HashSet<string> Passing = new(StringComparer.Ordinal) { "SignInSessions", "WebhookDeliveries", "StoredFiles" };

    /// <summary>Tables that are credentials through and through, and columns that are in otherwise ordinary tables.</summary>
    private static readonly HashSet<string> SecretTables = new(StringComparer.Ordinal) { "AspNetUserTokens", "ApiTokens", "Webhooks", "DataProtectionKeys" };

    private static readonly HashSet<string> SecretColumns = new(StringComparer.Ordinal) { "PasswordHash" };

    /// <summary>Every entry has this date, so two exports of the same site are the same bytes (but for the manifest's time).</summary>
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<ExportReport> WriteAsync(string path, bool includeSecrets, CancellationToken cancellationToken)
    {
        var snapshot = Path.Combine(Path.GetTempPath(), $"bayan-export-{Guid.NewGuid():N}.db");
        try
        {
            if (db.Database.IsSqlite())
            {
                var live = (SqliteConnection)db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync(cancellationToken);
                await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false }.ToString()))
                {
                    await copy.OpenAsync(cancellationToken);
                    live.BackupDatabase(copy);
                }

                await db.Database.CloseConnectionAsync();
            }
            else
            {
                // Another database is read in one repeatable-read transaction (one moment, as SQLite's backup gives)
                // into a SQLite copy at the current schema, which is what an archive holds.
                await using var copy = new BayanDb(new DbContextOptionsBuilder<BayanDb>().UseBayanSqlite($"Data Source={snapshot};Pooling=False").Options);
                await copy.Database.MigrateAsync(cancellationToken);
                await using var moment = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
                await DatabaseCopy.CopyAsync(db, copy, cancellationToken, Passing);
            }

            var partial = path + ".partial";
            var report = await WriteArchiveAsync(snapshot, partial, includeSecrets, cancellationToken);
            File.Move(partial, path, overwrite: true);
            return report;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(snapshot);
        }
    }

    private async Task<ExportReport> WriteArchiveAsync(string snapshot, string path, bool includeSecrets, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        var tables = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var hashes = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        await using var output = File.Create(path);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var table in Tables().Where(t => includeSecrets || !SecretTables.Contains(t.Name)))
        {
            var entry = zip.CreateEntry($"tables/{table.Name}.json", CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            await using var stream = entry.Open();
            tables[table.Name] = await WriteTableAsync(connection, table, stream, includeSecrets, hashes, cancellationToken);
        }

        foreach (var sha256 in hashes)
        {
            if (await files.FindAsync(sha256, cancellationToken) is not { } file)
            {
                missing.Add(sha256);
                continue;
            }

            var entry = zip.CreateEntry($"files/{sha256}", CompressionLevel.NoCompression);
            entry.LastWriteTime = EntryTime;
            await using var target = entry.Open();
            await using var source = File.OpenRead(file);
            await source.CopyToAsync(target, cancellationToken);
        }

        var manifest = zip.CreateEntry("bayan-export.json");
        manifest.LastWriteTime = EntryTime;
        await using (var stream = manifest.Open())
        {
            await JsonSerializer.SerializeAsync(stream, new
            {
                format = Format,
                version = Version,
                schema = await SchemaAsync(connection, cancellationToken),
                exported_at = time.GetUtcNow().UtcDateTime,
                includes_secrets = includeSecrets,
                tables,
                files = hashes.Count - missing.Count,
            }, Indented, cancellationToken);
        }

        return new ExportReport(tables, hashes.Count - missing.Count, missing);
    }

    /// <summary>The tables to write, in name order: all but the passing ones.</summary>
    private IEnumerable<ArchiveTable> Tables() =>
        ArchiveTables.Of(db.Model).Values.Where(t => !Passing.Contains(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal);

    private static async Task<int> WriteTableAsync(
        SqliteConnection connection, ArchiveTable table, Stream stream, bool includeSecrets, SortedSet<string> hashes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(ArchiveTables.Quote))} FROM {ArchiveTables.Quote(table.Name)} ORDER BY {string.Join(", ", table.Key.Select(ArchiveTables.Quote))}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            json.WriteStartObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                json.WritePropertyName(column);
                if (reader.IsDBNull(i) || (!includeSecrets && SecretColumns.Contains(column)))
                {
                    json.WriteNullValue();
                    continue;
                }

                switch (reader.GetValue(i))
                {
                    case long number: json.WriteNumberValue(number); break;
                    case double real: json.WriteNumberValue(real); break;
                    case byte[] bytes: json.WriteBase64StringValue(bytes); break;
                    case var other:
                        var text = Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)!;
                        json.WriteStringValue(text);
                        if (column.EndsWith("Sha256", StringComparison.Ordinal) && text.Length == 64)
                        {
                            hashes.Add(text);
                        }

                        break;
                }
            }

            json.WriteEndObject();
            rows++;
        }

        json.WriteEndArray();
        return rows;
    }

    private static async Task<string?> SchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM \"__EFMigrationsHistory\" ORDER BY MigrationId DESC LIMIT 1";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

}
