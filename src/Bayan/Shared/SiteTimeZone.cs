namespace Bayan.Shared;

/// <summary>The time zones an administrator can choose for the site, by their IANA ids.</summary>
public static class SiteTimeZone
{
    /// <summary>Every IANA zone this machine knows, sorted by id; "UTC" first.</summary>
    public static IReadOnlyList<string> All { get; } = ["UTC", .. TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id)
        .Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)];

    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    /// <summary>A time in <paramref name="zone"/>, in UTC. A time skipped by a clock change is read as the first one after it.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // Clocks jump forward by an hour, or by two in a few zones: move on to the first time that exists.
        for (var step = 0; step < 16 && zone.IsInvalidTime(unspecified); step++)
        {
            unspecified = unspecified.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
