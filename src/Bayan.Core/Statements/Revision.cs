using Bayan.Core.Text;

namespace Bayan.Core.Statements;

/// <summary>
/// A full snapshot of a translation as it was saved. Published revisions are never edited:
/// a correction is a new published revision with a public change note.
/// </summary>
public sealed class Revision
{
    public int Id { get; set; }

    public int TranslationId { get; set; }

    public StatementTranslation Translation { get; set; } = null!;

    /// <summary>1 for the first save of the translation, then counting up.</summary>
    public int Version { get; set; }

    public string Title { get; set; } = "";

    public string? Summary { get; set; }

    public string BodySource { get; set; } = "";

    public BodyFormat BodyFormat { get; set; }

    public string BodyHtml { get; set; } = "";

    public DateTime SavedAt { get; set; }

    /// <summary>Who saved it: a user's display name, or the import or tool that made it.</summary>
    public string SavedBy { get; set; } = "";

    /// <summary>The account that saved it, when a person did.</summary>
    public string? SavedById { get; set; }

    /// <summary>Shown to readers when a published text was corrected.</summary>
    public string? ChangeNote { get; set; }

    /// <summary>Whether this version was, at some point, the published text.</summary>
    public bool WasPublished { get; set; }

    public static Revision Of(StatementTranslation translation, int version, DateTime savedAt, string savedBy, string? changeNote, bool published) => new()
    {
        Translation = translation,
        Version = version,
        Title = translation.Title,
        Summary = translation.Summary,
        BodySource = translation.BodySource,
        BodyFormat = translation.BodyFormat,
        BodyHtml = translation.BodyHtml,
        SavedAt = savedAt,
        SavedBy = savedBy,
        ChangeNote = changeNote,
        WasPublished = published,
    };
}
