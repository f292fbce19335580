namespace Bayan.Import;

/// <summary>
/// Which statement a WordPress post became: what makes importing the same file again update rather than duplicate.
/// Keyed by the exporting site and the post's guid, which WordPress never changes.
/// </summary>
public sealed class ImportedPost
{
    public int Id { get; set; }

    /// <summary>The exporting site's address (wp:base_blog_url).</summary>
    public string Source { get; set; } = "";

    public string PostGuid { get; set; } = "";

    public int PostId { get; set; }

    public int StatementId { get; set; }

    public string Language { get; set; } = "";

    /// <summary>
    /// SHA-256 of what the post said when last imported (title, summary, text, status, date): a re-import changes the
    /// statement only when the post changed in WordPress, never undoing an editor's correction made here since.
    /// </summary>
    public string? ContentHash { get; set; }

    /// <summary>Polylang's translation group, when the export has one: the posts of a group are one statement.</summary>
    public string? TranslationGroup { get; set; }
}
