namespace Bayan.Api;

// What the editorial API (/api/v1/admin, with a personal token) reads and writes. Organizations, series, types and
// topics are named by their slugs, as in the public API; texts are Markdown, as typed in the back office's editor.

/// <summary>
/// A statement's details and texts to save. Creating one needs <c>type</c>, <c>signatories</c> and at least one
/// translation; changing one sends only what changes (an absent property keeps its value; <c>"series": null</c> takes
/// the statement out of its series).
/// </summary>
public sealed record StatementWrite(
    string? Type = null,
    string? Series = null,
    int? SeriesNumber = null,
    IReadOnlyList<string>? Signatories = null,
    IReadOnlyList<string>? Tags = null,
    string? OriginalLanguage = null,
    DateOnly? PublishedOn = null,
    IReadOnlyList<TranslationWrite>? Translations = null);

/// <summary>One language's text. An empty slug is made from the title.</summary>
public sealed record TranslationWrite(string Language, string Title, string Body, string? Slug = null, string? Summary = null);

/// <summary>Publishes a statement, or the pending changes of a published one, each language's change note for its readers.</summary>
public sealed record PublishRequest(IReadOnlyDictionary<string, string>? ChangeNotes = null);

/// <summary>A moment in the future, with its offset or in UTC (2026-12-01T09:00:00+03:30).</summary>
public sealed record ScheduleRequest(DateTimeOffset At);

/// <summary>The reason readers are given, in each language to show it in.</summary>
public sealed record WithdrawRequest(IReadOnlyDictionary<string, string> Reason);

/// <summary>The form an attachment is uploaded in: the file, a PDF or an image, in the field "file".</summary>
public sealed record AttachmentForm(IFormFile File);

public sealed record CaptionsRequest(IReadOnlyDictionary<string, string> Captions);

/// <summary>Who a token acts for and what it may do.</summary>
public sealed record TokenOwner(string UserId, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes, string TokenName, DateTime ExpiresAt);

public sealed record EditorialPage(IReadOnlyList<EditorialSummary> Items, string? NextCursor);

/// <summary>A statement in any state, as the back office lists it.</summary>
public sealed record EditorialSummary(
    int Id, string Status, string Title, string OriginalLanguage, IReadOnlyList<string> Languages, DateTime CreatedAt, DateTime? PublishedAt, bool IsMine);

/// <summary>
/// A statement as its editors see it: in any state, with the newest saved text of each language (published or not).
/// Its ETag is what <c>If-Match</c> takes to make sure a change is made to the version read.
/// </summary>
public sealed record EditorialStatement(
    int Id,
    string Status,
    string Type,
    string? Series,
    int? SeriesNumber,
    IReadOnlyList<string> Signatories,
    IReadOnlyList<string> Tags,
    string OriginalLanguage,
    DateTime CreatedAt,
    DateTime? PublishedAt,
    DateTime? UpdatedAt,
    DateTime? WithdrawnAt,
    string? ReviewComment,
    IReadOnlyList<EditorialTranslation> Translations,
    IReadOnlyList<AttachmentInfo> Attachments);

/// <summary>
/// One language's newest text. <c>published_version</c> is the version readers see (null: not published);
/// <c>version</c> above it means changes wait to be published.
/// </summary>
public sealed record EditorialTranslation(
    string Language,
    bool IsOriginal,
    string Title,
    string Slug,
    string? Summary,
    string Body,
    int Version,
    int? PublishedVersion,
    bool IsOutOfDate,
    string? Url);
