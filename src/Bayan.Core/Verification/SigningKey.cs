namespace Bayan.Core.Verification;

/// <summary>
/// A public key the organization signs with, published with its validity: records and tree heads signed from
/// <see cref="CreatedAt"/> until <see cref="RetiredAt"/> (a newer key took over), and none from <see cref="RevokedAt"/>
/// on (the private key is known or feared to be in other hands). The private key never enters the database.
/// </summary>
public sealed class SigningKey
{
    /// <summary>Lowercase hex SHA-256 of <see cref="PublicKey"/>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The ECDSA P-256 public key as a SubjectPublicKeyInfo (DER).</summary>
    public byte[] PublicKey { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime? RetiredAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>Why it was revoked, as the organization wants readers to read it.</summary>
    public string? RevocationNote { get; set; }

    /// <summary>
    /// Whether a signature made at <paramref name="signedAt"/> with this key is to be believed. Records give times to the
    /// second, and so do keys.
    /// </summary>
    public bool ValidAt(DateTime signedAt) =>
        signedAt >= CreatedAt && (RetiredAt is null || signedAt <= RetiredAt) && (RevokedAt is null || signedAt < RevokedAt);
}

/// <summary>One entry of the public log: a signed record, at its position. Entries are only ever added.</summary>
public sealed class LogEntry
{
    /// <summary>The position in the log, from 0.</summary>
    public long Index { get; set; }

    public int StatementId { get; set; }

    public string Language { get; set; } = "";

    /// <summary>The entry exactly as logged: canonical JSON of the record, the key's id and the signature.</summary>
    public string Envelope { get; set; } = "";

    public DateTime SignedAt { get; set; }

    /// <summary><see cref="TextFingerprint"/> hash of the record's body text; null for a record of a translation taken down.</summary>
    public string? BodyHash { get; set; }

    /// <summary>The same of its title and body together, as a reader may paste them.</summary>
    public string? TextHash { get; set; }
}

/// <summary>The hash of a complete subtree of the log's Merkle tree (level 0: an entry's leaf hash).</summary>
public sealed class LogNode
{
    /// <summary>Level and index in one number (<see cref="Key"/>), so a proof's nodes are read in one query.</summary>
    public long Id { get; set; }

    public byte[] Hash { get; set; } = [];

    /// <summary>Room for 2^40 entries, far more than any organization will sign.</summary>
    public static long Key(int level, long index) => ((long)level << 40) | index;
}

/// <summary>A signed tree head: the log's size and root hash at a moment, signed by the organization.</summary>
public sealed class TreeHead
{
    public long Size { get; set; }

    public byte[] RootHash { get; set; } = [];

    public DateTime Timestamp { get; set; }

    public string KeyId { get; set; } = "";

    public byte[] Signature { get; set; } = [];

    /// <summary>The complete subtrees covering the tree, largest first: all a log needs to append the next entry.</summary>
    public byte[] Frontier { get; set; } = [];
}

/// <summary>
/// A statement changed by an instance that could not sign (its private key missing): signed by the first instance that
/// can, in a moment. Only changes made through Bayan land here, so signing them never launders an edit made behind its back.
/// </summary>
public sealed class UnsignedStatement
{
    public int StatementId { get; set; }

    public DateTime Since { get; set; }
}
