namespace Bayan.Core.Statements;

/// <summary>An old URL path (from an earlier site) that now answers 301 to a statement.</summary>
public sealed class Redirect
{
    public int Id { get; set; }

    public string Path { get; set; } = "";

    public int StatementId { get; set; }

    public string? Language { get; set; }
}
