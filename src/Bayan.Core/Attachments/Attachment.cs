namespace Bayan.Core.Attachments;

/// <summary>A document or image attached to a statement; its bytes live in the file store under their SHA-256.</summary>
public sealed class Attachment
{
    public int Id { get; set; }

    public int StatementId { get; set; }

    public Statements.Statement Statement { get; set; } = null!;

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public LocalizedText Captions { get; set; } = LocalizedText.None;

    /// <summary>Text extracted from a PDF, for search.</summary>
    public string? ExtractedText { get; set; }

    /// <summary>SHA-256 of a small preview image in the file store (images and first PDF pages).</summary>
    public string? ThumbnailSha256 { get; set; }

    public int Position { get; set; }

    /// <summary>Pixel size of an image, so pages can reserve its space before it loads.</summary>
    public int? Width { get; set; }

    public int? Height { get; set; }

    /// <summary>Number of pages of a PDF.</summary>
    public int? PageCount { get; set; }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
