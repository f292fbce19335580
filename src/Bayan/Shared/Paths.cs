using System.Globalization;

namespace Bayan.Shared;

/// <summary>Builds the public URLs (a contract: see docs/architecture.md). Slugs are escaped here, once.</summary>
public static class Paths
{
    public static string Home(string lang) => $"/{lang}/";

    public static string Archive(string lang) => $"/{lang}/statements";

    public static string Statement(string lang, int id, string slug) =>
        string.Create(CultureInfo.InvariantCulture, $"/{lang}/statements/{id}/{Uri.EscapeDataString(slug)}");

    public static string Organization(string lang, string slug) => $"/{lang}/organizations/{Uri.EscapeDataString(slug)}";

    public static string Series(string lang, string slug) => $"/{lang}/series/{Uri.EscapeDataString(slug)}";

    public static string Tag(string lang, string slug) => $"/{lang}/tags/{Uri.EscapeDataString(slug)}";

    public static string Year(string lang, int year) => string.Create(CultureInfo.InvariantCulture, $"/{lang}/years/{year}");

    public static string Search(string lang) => $"/{lang}/search";

    public static string OpenSearch(string lang) => $"/{lang}/opensearch.xml";

    public static string Verification(string lang) => $"/{lang}/verification";

    public static string Verify(string lang) => $"/{lang}/verify";

    public static string LogEntry(long index) => string.Create(CultureInfo.InvariantCulture, $"/log/entries/{index}.json");

    public static string Feed(string lang, Feeds.FeedFormat format) => format switch
    {
        Feeds.FeedFormat.Atom => $"/{lang}/feed.atom",
        Feeds.FeedFormat.Json => $"/{lang}/feed.json",
        _ => $"/{lang}/feed.rss",
    };

    public static string Attachment(int id, string fileName) =>
        string.Create(CultureInfo.InvariantCulture, $"/attachments/{id}/{Uri.EscapeDataString(fileName)}");

    public static string Thumbnail(int id) => string.Create(CultureInfo.InvariantCulture, $"/attachments/{id}/thumbnail.webp");

    public static string OrganizationLogo(string slug) => $"/logos/{Uri.EscapeDataString(slug)}";
}
