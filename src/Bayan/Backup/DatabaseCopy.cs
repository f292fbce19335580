using System.Data.Common;
using System.Reflection;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bayan.Backup;

/// <summary>
/// Copies every row of every table from one Bayan database to another at the same schema, whatever their providers:
/// how export reads a PostgreSQL site (into a SQLite copy, which export then writes) and restore fills one (from a SQLite
/// copy of the archive). Each value is read as the source provider stores it, turned back into what the model holds,
/// and written as the target provider stores it, through the two models' own type mappings, so a time stays a UTC time
/// and a flag a flag whichever way it goes.
/// </summary>
public static class DatabaseCopy
{
    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    /// <summary>
    /// Replaces the target's rows with the source's, table by table in the order foreign keys need, in one transaction
    /// of the target's (which the caller may have begun), but for the tables in <paramref name="leaveOut"/> (which no
    /// other table may point to). Returns the rows copied per table.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> CopyAsync(
        BayanDb source, BayanDb target, CancellationToken cancellationToken, IReadOnlySet<string>? leaveOut = null)
    {
        var tables = Ordered(target.Model).Where(t => leaveOut?.Contains(t.Name) != true).ToList();
        await source.Database.OpenConnectionAsync(cancellationToken);
        await target.Database.OpenConnectionAsync(cancellationToken);
        var ownTransaction = target.Database.CurrentTransaction is null ? await target.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Rows a new database starts with (the roles) give way to the source's: children first.
            foreach (var table in Enumerable.Reverse(tables))
            {
                await ExecuteAsync(target, $"DELETE FROM {Quote(table.Name)}", cancellationToken);
            }

            var copied = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                copied[table.Name] = await CopyTableAsync(source, target, table, cancellationToken);
            }

            if (target.Database.IsNpgsql())
            {
                await RestartIdentitiesAsync(target, tables, cancellationToken);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return copied;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }

            await target.Database.CloseConnectionAsync();
            await source.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> CopyTableAsync(BayanDb source, BayanDb target, Table table, CancellationToken cancellationToken)
    {
        var sourceEntity = source.Model.FindEntityType(table.Entity.Name)
            ?? throw new InvalidOperationException($"The source database's model has no {table.Entity.Name}.");
        var columns = table.Columns.Select(column =>
        {
            var read = sourceEntity.FindProperty(column.Property.Name)!.GetRelationalTypeMapping();
            var provided = read.Converter?.ProviderClrType ?? read.ClrType;
            return (column.Name, Read: read, Reader: GetFieldValue.MakeGenericMethod(Nullable.GetUnderlyingType(provided) ?? provided), Write: column.Property.GetRelationalTypeMapping(), column.Property.IsNullable);
        }).ToList();

        await using var select = source.Database.GetDbConnection().CreateCommand();
        select.Transaction = source.Database.CurrentTransaction?.GetDbTransaction();
        select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Quote(table.Name)} ORDER BY {string.Join(", ", table.Key.Select(Quote))}";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);

        await using var insert = target.Database.GetDbConnection().CreateCommand();
        insert.Transaction = target.Database.CurrentTransaction?.GetDbTransaction();
        insert.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            insert.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                object? value = null;
                if (!await reader.IsDBNullAsync(i, cancellationToken))
                {
                    var stored = column.Reader.Invoke(reader, [i]);
                    value = column.Read.Converter is { } converter ? converter.ConvertFromProvider(stored) : stored;
                }

                insert.Parameters.Add(column.Write.CreateParameter(insert, "@p" + i, value, column.IsNullable));
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
            rows++;
        }

        return rows;
    }

    /// <summary>PostgreSQL's identity columns count on from the largest id copied, as SQLite's do by themselves.</summary>
    private static async Task RestartIdentitiesAsync(BayanDb target, IReadOnlyList<Table> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            foreach (var column in table.Columns.Where(c => c.Property.ValueGenerated == ValueGenerated.OnAdd && (c.Property.ClrType == typeof(int) || c.Property.ClrType == typeof(long))))
            {
                var name = Quote(table.Name);
                await ExecuteAsync(
                    target,
                    $"SELECT setval(pg_get_serial_sequence('{name.Replace("'", "''", StringComparison.Ordinal)}', '{column.Name}'), coalesce(max({Quote(column.Name)}), 0) + 1, false) FROM {name}",
                    cancellationToken);
            }
        }
    }

    /// <summary>Runs SQL built from the model's own table and column names (quoted), never from input.</summary>
    private static async Task ExecuteAsync(BayanDb db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Column(string Name, IProperty Property);

    private sealed record Table(string Name, IEntityType Entity, IReadOnlyList<Column> Columns, IReadOnlyList<string> Key);

    /// <summary>The model's tables, each after the tables its foreign keys point to.</summary>
    private static List<Table> Ordered(IModel model)
    {
        var entities = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).ToList();
        var ordered = new List<Table>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < entities.Count)
        {
            var ready = entities.Where(e => !placed.Contains(e.GetTableName()!)
                    && e.GetForeignKeys().All(fk => fk.PrincipalEntityType.GetTableName() == e.GetTableName() || placed.Contains(fk.PrincipalEntityType.GetTableName()!)))
                .OrderBy(e => e.GetTableName(), StringComparer.Ordinal)
                .ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The model's foreign keys form a cycle; the copy cannot order its tables.");
            }

            foreach (var entity in ready)
            {
                var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
                var columns = entity.GetProperties()
                    .Select(p => new Column(p.GetColumnName(store)!, p))
                    .Where(c => c.Name is not null)
                    .ToList();
                var key = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!).ToList();
                ordered.Add(new Table(entity.GetTableName()!, entity, columns, key));
                placed.Add(entity.GetTableName()!);
            }
        }

        return ordered;
    }

    private static string Quote(string name) => ArchiveTables.Quote(name);
}
