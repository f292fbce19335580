namespace Bayan.Api;

// What the JSON API v1 sends, as records: the OpenAPI document is generated from them. Property names are written in
// snake_case (ApiFeature), dates in UTC ISO 8601, per-language texts keyed by language code.

/// <summary>A page of statements, newest first; pass <c>next_cursor</c> as <c>cursor</c> for the next one (null: no more).</summary>
public sealed record StatementPage(IReadOnlyList<StatementSummary> Items, string? NextCursor);

/// <summary>A published or withdrawn statement as listed: its details and, per language, its title and addresses.</summary>
public sealed record StatementSummary(
    int Id,
    string Status,
    string Label,
    string Type,
    string? Series,
    int? SeriesNumber,
    DateTime PublishedAt,
    DateTime? UpdatedAt,
    DateTime? WithdrawnAt,
    IReadOnlyList<string> Signatories,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, TranslationSummary> Translations);

public sealed record TranslationSummary(string Title, string? Summary, string Excerpt, string Url, bool IsOriginal);

/// <summary>One statement whole: every published translation with its text and published versions, and its attachments.</summary>
public sealed record StatementDetail(
    int Id,
    string Status,
    string Type,
    string? Series,
    int? SeriesNumber,
    DateTime PublishedAt,
    DateTime? UpdatedAt,
    DateTime? WithdrawnAt,
    IReadOnlyList<string> Signatories,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, TranslationDetail> Translations,
    IReadOnlyList<AttachmentInfo> Attachments);

public sealed record TranslationDetail(
    string Title,
    string Slug,
    string Label,
    string? Summary,
    string Excerpt,
    string BodyHtml,
    string Url,
    bool IsOriginal,
    string? WithdrawalNote,
    IReadOnlyList<PublishedVersion> Versions);

/// <summary>A version readers saw: the first publication, then each published correction with its public note.</summary>
public sealed record PublishedVersion(int Version, DateTime PublishedAt, string? ChangeNote);

public sealed record AttachmentInfo(
    int Id,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string Url,
    IReadOnlyDictionary<string, string> Captions,
    int? PageCount,
    int? Width,
    int? Height);

public sealed record OrganizationInfo(string Slug, IReadOnlyDictionary<string, string> Names, string? Website, bool IsOwn, string? LogoUrl);

public sealed record SeriesInfo(string Slug, IReadOnlyDictionary<string, string> Names, IReadOnlyDictionary<string, string> LabelPatterns);

/// <summary>A statement type or a topic.</summary>
public sealed record NamedInfo(string Slug, IReadOnlyDictionary<string, string> Names);

public sealed record SearchResponse(string Query, string Language, int Total, int Page, int PageSize, IReadOnlyList<SearchItem> Items);

/// <summary>One match: the snippet is HTML with the matched words in &lt;mark&gt; and everything else escaped.</summary>
public sealed record SearchItem(int Id, string Language, string Title, string Url, string SnippetHtml, bool InAttachment, DateTime PublishedAt);
