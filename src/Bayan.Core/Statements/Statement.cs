namespace Bayan.Core.Statements;

/// <summary>
/// One official statement: the stable identity behind every language version and revision.
/// Its id is the number in its URL and never changes.
/// </summary>
public sealed class Statement
{
    public int Id { get; set; }

    public int TypeId { get; set; }

    public Taxonomy.StatementType Type { get; set; } = null!;

    public int? SeriesId { get; set; }

    public Taxonomy.Series? Series { get; set; }

    /// <summary>The number within its series, given on first publication.</summary>
    public int? SeriesNumber { get; set; }

    public StatementStatus Status { get; set; }

    /// <summary>When it was first published (UTC); for a scheduled statement, when it will be.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>When its published text last changed (UTC), or null if never corrected.</summary>
    public DateTime? UpdatedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public LocalizedText WithdrawalNote { get; set; } = LocalizedText.None;

    public DateTime CreatedAt { get; set; }

    /// <summary>The user who created it, for "my drafts".</summary>
    public string? CreatedById { get; set; }

    /// <summary>When a draft was moved to the trash; null when it is not in the trash.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>An editor's note when sending a statement back to its author.</summary>
    public string? ReviewComment { get; set; }

    /// <summary>Changes at every save; a save made from an older stamp is refused (two people editing at once).</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Lead organization first, then co-signers, in the order they sign.</summary>
    public List<Signatory> Signatories { get; set; } = [];

    public List<Taxonomy.Tag> Tags { get; set; } = [];

    public List<Attachments.Attachment> Attachments { get; set; } = [];

    public List<StatementTranslation> Translations { get; set; } = [];

    public bool IsPublic => Status is StatementStatus.Published or StatementStatus.Withdrawn;
}

public enum StatementStatus
{
    Draft = 0,
    InReview = 1,
    Scheduled = 2,
    Published = 3,
    Withdrawn = 4,
}

/// <summary>An organization signing a statement, at a position: 0 is the lead.</summary>
public sealed class Signatory
{
    public int StatementId { get; set; }

    public int OrganizationId { get; set; }

    public Taxonomy.Organization Organization { get; set; } = null!;

    public int Position { get; set; }
}
