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
}
