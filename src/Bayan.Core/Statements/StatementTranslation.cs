using Bayan.Core.Text;

namespace Bayan.Core.Statements;

/// <summary>A statement in one language: what readers of that language see.</summary>
public sealed class StatementTranslation
{
    public int Id { get; set; }

    public int StatementId { get; set; }

    public Statement Statement { get; set; } = null!;

    /// <summary>BCP 47 language code, as in the URL: en, fa, ar.</summary>
    public string Language { get; set; } = "";

    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public string? Summary { get; set; }

    public string BodySource { get; set; } = "";

    public BodyFormat BodyFormat { get; set; }

    /// <summary>The body rendered and sanitized when it was saved.</summary>
    public string BodyHtml { get; private set; } = "";

    /// <summary>The summary, or the first words of the body; computed when saved.</summary>
    public string Excerpt { get; private set; } = "";

    /// <summary>Whether this is the language the statement was written in.</summary>
    public bool IsOriginal { get; set; }

    /// <summary>
    /// Whether readers see this translation. The text fields then hold the published text, and edits wait in newer
    /// revisions until an editor publishes them; an unpublished translation's fields hold its latest draft.
    /// </summary>
    public bool IsPublished { get; set; }

    /// <summary>Set when the original changed after this translation was last brought in line with it.</summary>
    public bool IsOutOfDate { get; set; }

    public List<Revision> Revisions { get; set; } = [];

    /// <summary>Sets title, summary and body, with what pages show of them.</summary>
    public void SetText(string title, string? summary, RenderedBody body)
    {
        Title = title.Trim();
        Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim();
        BodySource = body.Source;
        BodyFormat = body.Format;
        BodyHtml = body.Html;
        Excerpt = Summary ?? body.Excerpt;
        if (Slug.Length == 0)
        {
            Slug = Text.Slug.From(Title);
        }
    }
}
