namespace Bayan.Core.Taxonomy;

/// <summary>A kind of statement (statement, announcement, joint statement…): data, not a subclass.</summary>
public sealed class StatementType
{
    public int Id { get; set; }

    public string Slug { get; set; } = "";

    public LocalizedText Names { get; set; } = LocalizedText.None;
}

/// <summary>A numbered series such as "Announcements", labelled per language ("Announcement No. {n}").</summary>
public sealed class Series
{
    public int Id { get; set; }

    public string Slug { get; set; } = "";

    public LocalizedText Names { get; set; } = LocalizedText.None;

    public LocalizedText LabelPatterns { get; set; } = LocalizedText.None;
}

public sealed class Tag
{
    public int Id { get; set; }

    public string Slug { get; set; } = "";

    public LocalizedText Names { get; set; } = LocalizedText.None;
}

/// <summary>An organization that signs statements. Exactly one is "ours": the site's own.</summary>
public sealed class Organization
{
    public int Id { get; set; }

    public string Slug { get; set; } = "";

    public LocalizedText Names { get; set; } = LocalizedText.None;

    public string? Website { get; set; }

    public bool IsOwn { get; set; }

    /// <summary>SHA-256 of the logo in the file store, if it has one.</summary>
    public string? LogoSha256 { get; set; }

    public string? LogoContentType { get; set; }
}
