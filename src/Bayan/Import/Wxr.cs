namespace Bayan.Import;

// What a WordPress eXtended RSS file (WXR 1.1 or 1.2, as WordPress's exporter writes it) says, as far as Bayan needs.

/// <summary>The exporting site: its address (what import keys are scoped to) and language.</summary>
public sealed record WxrSite(string Title, string Link, string BaseSiteUrl, string BaseBlogUrl, string? Language, string WxrVersion);

/// <summary>One item: a post, a page, an attachment, or anything else WordPress stores as a post. <c>Identity</c> is its /// <summary>One item: a post, a page, an attachment, or anything else WordPress stores as a post.</summary>lt;guid/// <summary>One item: a post, a page, an attachment, or anything else WordPress stores as a post.</summary>gt;.</summary>
public sealed record WxrItem(
    int PostId,
    string Identity,
    string Title,
    string Link,
    string Content,
    string Excerpt,
    DateTime? PublishedAtUtc,
    DateTime? ModifiedAtUtc,
    string Status,
    string Type,
    string Slug,
    string Creator,
    int ParentId,
    string? AttachmentUrl,
    IReadOnlyList<WxrTerm> Terms,
    IReadOnlyDictionary<string, string> Meta,
    bool HasPassword = false,
    TimeSpan? LocalOffset = null);

/// <summary>A category or tag on an item: its taxonomy ("category", "post_tag", "language", "post_translations"…), slug and name.</summary>
public sealed record WxrTerm(string Taxonomy, string Slug, string Name);
