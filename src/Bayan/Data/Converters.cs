using System.Text.Json;
using Bayan.Core;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bayan.Data;

/// <summary>
/// Every time is stored as UTC, to the microsecond: PostgreSQL keeps no finer, so a site reads back the same times
/// whichever database it is on (and a moved site exports the same bytes).
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => ToMicroseconds(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    private static DateTime ToMicroseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
}

/// <summary>Per-language texts are small and always read whole, so they are stored as one JSON object.</summary>
internal sealed class LocalizedTextConverter() : ValueConverter<LocalizedText, string>(
    value => JsonSerializer.Serialize(value, JsonSerializerOptions.Default),
    json => new LocalizedText(JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>()));

internal sealed class LocalizedTextComparer() : ValueComparer<LocalizedText>(
    (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
    value => value.Aggregate(0, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value)),
    value => new LocalizedText(value));
