namespace Bayan.Feeds;

/// <summary>
/// One feed, whatever its format: the newest statements of one language, optionally narrowed by the archive's filters.
/// URLs are absolute. Written as RSS 2.0 and Atom 1.0 (<see cref="XmlFeeds"/>) and JSON Feed 1.1 (<see cref="JsonFeed"/>).
/// </summary>
public sealed record Feed(
    string Title,
    string? Description,
    string Language,
    string HomeUrl,
    string Id,
    string? LogoUrl,
    string IconUrl,
    DateTime Updated,
    IReadOnlyDictionary<FeedFormat, string> Urls,
    IReadOnlyList<FeedEntry> Entries);

/// <summary>
/// One statement in one language. <see cref="Id"/> is the statement's short address (without the slug), so it never
/// changes when a title or slug is corrected; <see cref="Updated"/> moves with each published correction and with a withdrawal.
/// </summary>
public sealed record FeedEntry(
    string Id,
    string Url,
    string Title,
    string Label,
    string? Summary,
    string Excerpt,
    string ContentHtml,
    DateTime Published,
    DateTime Updated,
    bool Withdrawn,
    IReadOnlyList<FeedPerson> Signatories,
    IReadOnlyList<FeedCategory> Categories,
    IReadOnlyList<FeedAttachment> Attachments);

public sealed record FeedPerson(string Name, string Url);

/// <summary>A type, series, topic or the withdrawn mark: its slug, its name in the feed's language, and its kind ("type", "series", "tag", "status").</summary>
public sealed record FeedCategory(string Term, string Label, string Kind);

public sealed record FeedAttachment(string Url, string ContentType, long Length, string Title);

public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}
