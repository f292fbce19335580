using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bayan.Backup;

/// <summary>A table as the archive holds it: its columns in name order (true for binary ones, written in base64) and its key.</summary>
public sealed record ArchiveTable(string Name, IReadOnlyList<string> Columns, IReadOnlySet<string> Binary, IReadOnlyList<string> Key);

/// <summary>The database's tables, read from the EF model, as both export and restore see them.</summary>
public static class ArchiveTables
{
    public static IReadOnlyDictionary<string, ArchiveTable> Of(IModel model) => model.GetEntityTypes()
        .Where(e => e.GetTableName() is not null)
        .GroupBy(e => e.GetTableName()!)
        .ToDictionary(g => g.Key, g =>
        {
            var store = StoreObjectIdentifier.Table(g.Key, g.First().GetSchema());
            var columns = g.SelectMany(e => e.GetProperties())
                .Select(p => (Name: p.GetColumnName(store), Binary: (p.GetProviderClrType() ?? p.ClrType) == typeof(byte[])))
                .Where(c => c.Name is not null)
                .DistinctBy(c => c.Name)
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
            var key = g.First().FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!).ToList();
            return new ArchiveTable(g.Key, [.. columns.Select(c => c.Name!)], columns.Where(c => c.Binary).Select(c => c.Name!).ToHashSet(), key);
        }, StringComparer.Ordinal);

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
