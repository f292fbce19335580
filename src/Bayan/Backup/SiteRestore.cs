using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bayan.Attachments;
using Bayan.Data;
using Bayan.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bayan.Backup;

/// <summary>An archive that cannot be restored, with why.</summary>
public sealed class RestoreException(string message) : Exception(message);

/// <summary>
/// Brings an export back into an empty site: every table's rows as they were (ids included), the stored files (each
/// checked against its SHA-256), then the search index rebuilt. All rows in one transaction: a bad archive leaves the
/// database empty. Entries outside tables/ and files/, paths that climb out, and entries that expand far beyond their
/// compressed size (zip bombs) are refused before anything is written. An archive from an older Bayan is restored into
/// the schema it was written with, and the migrations written since then run over its rows, as they would have over the
/// site's own database.
/// </summary>
public sealed partial class SiteRestore(BayanDb db, FileStore files, ISearchIndex index)
{
    /// <summary>Text compresses about ten to one; a hundred to one is an archive made to fill a disk.</summary>
    private const long MaxRatio = 100;

    public Task<IReadOnlyDictionary<string, int>> RestoreAsync(string path, CancellationToken cancellationToken) =>
        RestoreAsync(path, rebuildSearchIndex: true, cancellationToken);

    /// <summary>As <see cref="RestoreAsync(string, CancellationToken)"/>; without the search index for a copy that is only read and thrown away (`verify` of an archive).</summary>
    public async Task<IReadOnlyDictionary<string, int>> RestoreAsync(string path, bool rebuildSearchIndex, CancellationToken cancellationToken)
    {
        using var zip = OpenChecked(path);
        var manifest = Manifest(zip);
        if (await db.Statements.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken) || await db.Organizations.AnyAsync(cancellationToken))
        {
            throw new RestoreException(db.Database.IsSqlite()
                ? "This site is not empty: restore into a new data directory (--Bayan:DataDirectory=…)."
                : "This site's database is not empty: restore into a new, empty database (ConnectionStrings:Bayan=…).");
        }

        IReadOnlyDictionary<string, int> restored;
        if (db.Database.IsSqlite())
        {
            restored = await LoadAsync(db, zip, manifest.Schema, cancellationToken);
        }
        else
        {
            // An archive holds SQLite's rows at SQLite's schema: they go into a SQLite copy first, are brought up to
            // date there, then copied across with each value turned into the target's own type.
            var scratch = Path.Combine(Path.GetTempPath(), $"bayan-restore-{Guid.NewGuid():N}.db");
            try
            {
                await using (var copy = new BayanDb(new DbContextOptionsBuilder<BayanDb>().UseBayanSqlite($"Data Source={scratch};Pooling=False").Options))
                {
                    restored = await LoadAsync(copy, zip, manifest.Schema, cancellationToken);
                    await DatabaseSetup.PrepareAsync(db, cancellationToken);
                    await DatabaseCopy.CopyAsync(copy, db, cancellationToken);
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                File.Delete(scratch);
            }
        }

        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("files/", StringComparison.Ordinal)))
        {
            var bytes = Read(entry);
            var sha256 = await files.SaveAsync(bytes, cancellationToken);
            if (sha256 != entry.Name)
            {
                throw new RestoreException($"The stored file {entry.Name} is damaged in the archive (its content does not have that SHA-256).");
            }
        }

        if (rebuildSearchIndex)
        {
            await index.RebuildAsync(cancellationToken);
        }

        return restored;
    }

    /// <summary>
    /// Loads the archive's tables into an empty SQLite database at the archive's schema, all rows in one transaction,
    /// then brings it up to date.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, int>> LoadAsync(BayanDb db, ZipArchive zip, string? schema, CancellationToken cancellationToken)
    {
        var migrations = db.Database.GetMigrations().ToList();
        schema ??= migrations[^1];
        if (!migrations.Contains(schema))
        {
            throw new RestoreException($"The archive was written by a newer Bayan (its schema {schema} is unknown here): upgrade Bayan first.");
        }

        // The site is empty, so taking it back to the archive's schema loses nothing.
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(schema, cancellationToken);
        var restored = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var tables = await TablesAsync(connection, cancellationToken);
            await Execute(connection, "PRAGMA foreign_keys = OFF", cancellationToken);
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("tables/", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal))
                {
                    var name = entry.FullName["tables/".Length..^".json".Length];
                    if (!tables.TryGetValue(name, out var table))
                    {
                        throw new RestoreException($"The archive has a table this Bayan does not know: {name}.");
                    }

                    restored[name] = await InsertAsync(connection, (SqliteTransaction)transaction, table, entry, cancellationToken);
                }

                await using var check = connection.CreateCommand();
                check.Transaction = (SqliteTransaction)transaction;
                check.CommandText = "PRAGMA foreign_key_check";
                await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
                {
                    if (await reader.ReadAsync(cancellationToken))
                    {
                        throw new RestoreException($"The archive's rows do not fit together: a row of {reader.GetString(0)} names a {reader.GetString(2)} that is not in it.");
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await Execute(connection, "PRAGMA foreign_keys = ON", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }

        await DatabaseSetup.PrepareAsync(db, cancellationToken);
        return restored;
    }

    /// <summary>Opens the archive and refuses it whole if any entry is not what an export writes.</summary>
    private static ZipArchive OpenChecked(string path)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            throw new RestoreException("This is not a zip file: give an archive written by `export`.");
        }

        foreach (var entry in zip.Entries)
        {
            if (!SafeName().IsMatch(entry.FullName))
            {
                zip.Dispose();
                throw new RestoreException($"The archive has an entry an export never writes ({entry.FullName}): it is refused, and nothing was restored.");
            }

            if (entry.Length > (entry.CompressedLength * MaxRatio) + (1024 * 1024))
            {
                zip.Dispose();
                throw new RestoreException($"{entry.FullName} would expand {entry.Length / Math.Max(1, entry.CompressedLength)} times: the archive is refused as a zip bomb, and nothing was restored.");
            }
        }

        return zip;
    }

    private static (int Version, string? Schema) Manifest(ZipArchive zip)
    {
        if (zip.GetEntry("bayan-export.json") is not { } entry)
        {
            throw new RestoreException("The archive has no bayan-export.json: it was not written by `export`.");
        }

        using var document = JsonDocument.Parse(Read(entry));
        var root = document.RootElement;
        if (!root.TryGetProperty("format", out var format) || format.GetString() != SiteExport.Format)
        {
            throw new RestoreException("The archive's manifest is not a Bayan export's.");
        }

        var version = root.GetProperty("version").GetInt32();
        if (version > SiteExport.Version)
        {
            throw new RestoreException($"The archive is format version {version}; this Bayan reads up to {SiteExport.Version}: upgrade Bayan first.");
        }

        return (version, root.TryGetProperty("schema", out var schema) ? schema.GetString() : null);
    }

    /// <summary>
    /// The database's tables as they are at the archive's schema (which may be older than the model), without the search
    /// index's virtual tables and their shadow tables, which an archive never holds.
    /// </summary>
    private static async Task<Dictionary<string, ArchiveTable>> TablesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var names = new List<(string Name, bool Virtual)>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add((reader.GetString(0), reader.GetBoolean(1)));
            }
        }

        var virtualTables = names.Where(n => n.Virtual).Select(n => n.Name).ToList();
        var tables = new Dictionary<string, ArchiveTable>(StringComparer.Ordinal);
        foreach (var (name, _) in names.Where(n => !n.Virtual && !virtualTables.Any(v => n.Name.StartsWith(v + "_", StringComparison.Ordinal))))
        {
            var columns = new List<string>();
            var binary = new HashSet<string>(StringComparer.Ordinal);
            await using var info = connection.CreateCommand();
            info.CommandText = "SELECT name, type FROM pragma_table_info($table)";
            info.Parameters.AddWithValue("$table", name);
            await using var reader = await info.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add(reader.GetString(0));
                if (reader.GetString(1).Equals("BLOB", StringComparison.OrdinalIgnoreCase))
                {
                    binary.Add(reader.GetString(0));
                }
            }

            tables[name] = new ArchiveTable(name, columns, binary, []);
        }

        return tables;
    }

    private static async Task<int> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, ArchiveTable table, ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(Read(entry));
        // The rows this site already has in the table (the roles every site starts with) give way to the archive's.
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = $"DELETE FROM {ArchiveTables.Quote(table.Name)}";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var rows = 0;
        foreach (var row in document.RootElement.EnumerateArray())
        {
            var columns = row.EnumerateObject().ToList();
            if (columns.Select(c => c.Name).FirstOrDefault(n => !table.Columns.Contains(n)) is { } unknown)
            {
                throw new RestoreException($"{table.Name} has a column this Bayan does not know: {unknown}.");
            }

            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {ArchiveTables.Quote(table.Name)} ({string.Join(", ", columns.Select(c => ArchiveTables.Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            for (var i = 0; i < columns.Count; i++)
            {
                insert.Parameters.AddWithValue("@p" + i, Value(columns[i].Value, table.Binary.Contains(columns[i].Name)));
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
            rows++;
        }

        return rows;
    }

    private static object Value(JsonElement value, bool binary) => value.ValueKind switch
    {
        JsonValueKind.Null => DBNull.Value,
        JsonValueKind.Number when value.TryGetInt64(out var number) => number,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when binary => value.GetBytesFromBase64(),
        JsonValueKind.String => value.GetString()!,
        _ => throw new RestoreException($"A value the archive format does not have: {value.ValueKind}."),
    };

    /// <summary>Reads an entry, never more than it declared (a lying header is a bomb too).</summary>
    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > entry.Length)
            {
                throw new RestoreException($"{entry.FullName} holds more than its header says: the archive is damaged or made to deceive.");
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"^(bayan-export\.json|tables/[A-Za-z]+\.json|files/[0-9a-f]{64})$")]
    private static partial Regex SafeName();

}
