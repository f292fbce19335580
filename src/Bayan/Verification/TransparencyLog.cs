using System.Text;
using System.Text.Json.Nodes;
using Bayan.Core.Verification;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Verification;

/// <summary>
/// The public, append-only log of signed records (RFC 9162's Merkle tree). Entries are appended inside the transaction
/// that makes the change they record, under a lock, so positions follow commits with no gap; each append keeps the
/// complete subtrees it finished (proofs read only O(log n) of them) and a signed tree head with the tree's right edge
/// (the next append reads nothing else).
/// </summary>
public sealed class TransparencyLog(BayanDb db)
{
    /// <summary>The PostgreSQL advisory lock that orders appends across instances ("bayanlog").</summary>
    private const long AppendLock = 0x6261_7961_6e6c_6f67;

    /// <summary>The newest signed tree head, or null while the log is empty.</summary>
    public Task<TreeHead?> HeadAsync(CancellationToken cancellationToken = default) =>
        db.TreeHeads.AsNoTracking().OrderByDescending(h => h.Size).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Appends signed envelopes and signs the new tree head. Call inside the caller's transaction, after its changes
    /// are saved; the caller commits.
    /// </summary>
    public async Task<TreeHead> AppendAsync(IReadOnlyList<LogEntry> entries, Signer signer, DateTime now, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLock})", cancellationToken);
        }

        // On SQLite the caller's transaction already holds the database's write lock.
        var head = await HeadAsync(cancellationToken);
        var frontier = head is null ? new MerkleFrontier(0, []) : MerkleFrontier.Read(head.Size, head.Frontier);
        foreach (var entry in entries)
        {
            entry.Index = frontier.Size;
            db.LogEntries.Add(entry);
            foreach (var (level, index, hash) in frontier.Append(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(entry.Envelope))))
            {
                db.LogNodes.Add(new LogNode { Id = LogNode.Key(level, index), Hash = hash });
            }
        }

        var newHead = new TreeHead
        {
            Size = frontier.Size,
            RootHash = frontier.Root(),
            Timestamp = KeyRing.TruncateToSeconds(now),
            KeyId = signer.KeyId,
            Frontier = frontier.Pack(),
        };
        newHead.Signature = signer.Sign(SignedTreeHead.SignedBytes(newHead));
        db.TreeHeads.Add(newHead);
        await db.SaveChangesAsync(cancellationToken);
        return newHead;
    }

    /// <summary>The audit path of entry <paramref name="index"/> in the tree of <paramref name="size"/> entries.</summary>
    public async Task<List<byte[]>> InclusionProofAsync(long index, long size, CancellationToken cancellationToken = default)
    {
        var nodes = await SubtreesAsync(MerkleTree.SubtreesRead(read => MerkleTree.InclusionProof(index, size, read)), cancellationToken);
        return MerkleTree.InclusionProof(index, size, (level, i) => nodes[LogNode.Key(level, i)]);
    }

    /// <summary>The proof that the tree of <paramref name="first"/> entries is a prefix of the tree of <paramref name="second"/>.</summary>
    public async Task<List<byte[]>> ConsistencyProofAsync(long first, long second, CancellationToken cancellationToken = default)
    {
        var nodes = await SubtreesAsync(MerkleTree.SubtreesRead(read => MerkleTree.ConsistencyProof(first, second, read)), cancellationToken);
        return MerkleTree.ConsistencyProof(first, second, (level, i) => nodes[LogNode.Key(level, i)]);
    }

    private async Task<Dictionary<long, byte[]>> SubtreesAsync(IReadOnlyCollection<(int Level, long Index)> wanted, CancellationToken cancellationToken)
    {
        var keys = wanted.Select(w => LogNode.Key(w.Level, w.Index)).ToList();
        var found = await db.LogNodes.AsNoTracking().Where(n => keys.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Hash, cancellationToken);
        if (found.Count != keys.Count)
        {
            throw new InvalidDataException($"The log is missing {keys.Count - found.Count} of the tree's nodes: it was damaged.");
        }

        return found;
    }
}

/// <summary>What a tree head's signature covers: canonical JSON of its size, root hash and time.</summary>
public static class SignedTreeHead
{
    public static JsonObject Body(TreeHead head) => new()
    {
        ["format"] = "bayan-tree-head/1",
        ["size"] = head.Size,
        ["root"] = Convert.ToBase64String(head.RootHash),
        ["timestamp"] = StatementRecord.Time(head.Timestamp),
    };

    public static byte[] SignedBytes(TreeHead head) => CanonicalJson.Serialize(Body(head));
}
