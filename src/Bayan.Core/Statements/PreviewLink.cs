namespace Bayan.Core.Statements;

/// <summary>
/// An unguessable link that shows a statement's current draft to someone outside the team (a co-signer reviewing the
/// text). Only the SHA-256 of its token is stored; it expires, and it can be revoked.
/// </summary>
public sealed class PreviewLink
{
    public int Id { get; set; }

    public int StatementId { get; set; }

    public string TokenHash { get; set; } = "";

    /// <summary>Who it was made for, as the editor wrote it ("Open Wells, legal team").</summary>
    public string? Note { get; set; }

    public string? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsActiveAt(DateTime utc) => RevokedAt is null && utc < ExpiresAt;
}
