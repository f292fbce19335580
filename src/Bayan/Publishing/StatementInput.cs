namespace Bayan.Publishing;

/// <summary>What the editor form sends: the statement's details and its text in each language.</summary>
public sealed class StatementInput
{
    public int? Id { get; set; }

    /// <summary>The stamp the editor was opened with; a save from an older stamp is refused.</summary>
    public string? ConcurrencyStamp { get; set; }

    public int TypeId { get; set; }

    public int? SeriesId { get; set; }

    /// <summary>Only editors may set it; otherwise the next free number is given on first publication.</summary>
    public int? SeriesNumber { get; set; }

    /// <summary>Lead organization first, then co-signers.</summary>
    public List<int> Signatories { get; set; } = [];

    public List<int> Tags { get; set; } = [];

    public string OriginalLanguage { get; set; } = "";

    /// <summary>
    /// The statement's date, set by an editor: a day in the past for a statement first issued elsewhere (back-dating),
    /// or a corrected date. Empty: dated when it is published.
    /// </summary>
    public DateOnly? PublishedOn { get; set; }

    /// <summary>A co-signer not yet in the list of organizations, added by its name in the editor's language.</summary>
    public string? NewOrganization { get; set; }

    public List<TranslationInput> Translations { get; set; } = [];
}

public sealed class TranslationInput
{
    public string Language { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>Empty: derived from the title.</summary>
    public string? Slug { get; set; }

    public string? Summary { get; set; }

    public string Body { get; set; } = "";
}
