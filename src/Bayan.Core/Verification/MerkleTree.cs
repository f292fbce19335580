using System.Numerics;
using System.Security.Cryptography;

namespace Bayan.Core.Verification;

/// <summary>
/// The hash of a complete subtree: the 2^<paramref name="level"/> leaves from <paramref name="index"/> × 2^level on.
/// Level 0 holds the leaves' hashes. A log stores these as it grows, so no proof needs more than O(log n) of them.
/// </summary>
public delegate byte[] SubtreeHash(int level, long index);

/// <summary>
/// The Merkle tree of a transparency log as RFC 9162 (Certificate Transparency 2.0) defines it: leaf and node hashes
/// with SHA-256 and 0x00/0x01 prefixes, the tree head, inclusion and consistency proofs, and their verification.
/// Proofs are made from the complete subtrees' hashes; the verification needs nothing but the proof.
/// </summary>
public static class MerkleTree
{
    public static readonly byte[] EmptyRoot = SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        var input = new byte[entry.Length + 1];
        entry.CopyTo(input.AsSpan(1));
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[65];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[33..]);
        return SHA256.HashData(input);
    }

    /// <summary>MTH(D[size]): the root hash of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(long size, SubtreeHash nodes) => size == 0 ? EmptyRoot : RangeHash(0, size, nodes);

    /// <summary>PATH(index, D[size]): the audit path proving leaf <paramref name="index"/> is in the tree of that size.</summary>
    public static List<byte[]> InclusionProof(long index, long size, SubtreeHash nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        Path(index, 0, size, nodes, proof);
        return proof;
    }

    /// <summary>PROOF(first, D[second]): proves the tree of size <paramref name="first"/> is a prefix of the larger one.</summary>
    public static List<byte[]> ConsistencyProof(long first, long second, SubtreeHash nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, second);
        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, true, nodes, proof);
        }

        return proof;
    }

    /// <summary>RFC 9162, 2.1.3.2: whether <paramref name="proof"/> shows the leaf is in the tree with that root.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || proof.Any(p => p.Length != 32))
        {
            return false;
        }

        var (fn, sn) = (index, size - 1);
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162, 2.1.4.2: whether <paramref name="proof"/> shows the first tree is a prefix of the second.</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 0 || first > second || proof.Any(p => p.Length != 32))
        {
            return false;
        }

        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (first == 0)
        {
            // Every tree extends the empty one.
            return proof.Count == 0 && firstRoot.SequenceEqual(EmptyRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = BitOperations.IsPow2(first) ? [firstRoot.ToArray(), .. proof] : proof.ToList();
        var (fn, sn) = (first - 1, second - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var (fr, sr) = (path[0], path[0]);
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }

    /// <summary>
    /// Which complete subtrees <paramref name="compute"/> reads, so a store can fetch them all in one query first.
    /// </summary>
    public static IReadOnlyCollection<(int Level, long Index)> SubtreesRead(Action<SubtreeHash> compute)
    {
        var read = new HashSet<(int, long)>();
        compute((level, index) =>
        {
            read.Add((level, index));
            return EmptyRoot;
        });
        return read;
    }

    /// <summary>The subtrees (largest first) whose hashes a log must keep after appending leaf <paramref name="index"/>.</summary>
    public static IEnumerable<(int Level, long Index)> CompletedBy(long index)
    {
        // Leaf n completes the subtree one level up each time it is a right child.
        var (level, position) = (0, index);
        yield return (level, position);
        while ((position & 1) == 1)
        {
            level++;
            position >>= 1;
            yield return (level, position);
        }
    }

    private static byte[] RangeHash(long start, long size, SubtreeHash nodes)
    {
        if (BitOperations.IsPow2(size) && start % size == 0)
        {
            return nodes(BitOperations.Log2((ulong)size), start / size);
        }

        var k = LargestPowerOfTwoBelow(size);
        return NodeHash(RangeHash(start, k, nodes), RangeHash(start + k, size - k, nodes));
    }

    private static void Path(long index, long start, long size, SubtreeHash nodes, List<byte[]> proof)
    {
        if (size == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(size);
        if (index < k)
        {
            Path(index, start, k, nodes, proof);
            proof.Add(RangeHash(start + k, size - k, nodes));
        }
        else
        {
            Path(index - k, start + k, size - k, nodes, proof);
            proof.Add(RangeHash(start, k, nodes));
        }
    }

    private static void SubProof(long m, long start, long size, bool whole, SubtreeHash nodes, List<byte[]> proof)
    {
        if (m == size)
        {
            if (!whole)
            {
                proof.Add(RangeHash(start, size, nodes));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(size);
        if (m <= k)
        {
            SubProof(m, start, k, whole, nodes, proof);
            proof.Add(RangeHash(start + k, size - k, nodes));
        }
        else
        {
            SubProof(m - k, start + k, size - k, false, nodes, proof);
            proof.Add(RangeHash(start, k, nodes));
        }
    }

    private static long LargestPowerOfTwoBelow(long size) => 1L << BitOperations.Log2((ulong)(size - 1));
}

/// <summary>A whole tree in memory, for checking a log read from elsewhere (a site, an export, a mirror).</summary>
public sealed class MemoryMerkleTree
{
    private readonly List<List<byte[]>> levels = [[]];

    public long Size => levels[0].Count;

    public void Append(byte[] leafHash)
    {
        levels[0].Add(leafHash);
        foreach (var (level, index) in MerkleTree.CompletedBy(Size - 1).Skip(1))
        {
            if (levels.Count == level)
            {
                levels.Add([]);
            }

            var below = levels[level - 1];
            levels[level].Add(MerkleTree.NodeHash(below[(int)(index * 2)], below[(int)(index * 2) + 1]));
        }
    }

    public byte[] Subtree(int level, long index) => levels[level][(int)index];

    public byte[] Root(long size) => MerkleTree.Root(size, Subtree);
}

/// <summary>
/// The right edge of a growing tree: the hashes of the complete subtrees covering it, largest first (one per bit set in
/// its size). Enough to append an entry and compute the new root without reading the rest of the tree.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<byte[]> subtrees;

    public MerkleFrontier(long size, IEnumerable<byte[]> subtrees)
    {
        this.subtrees = [.. subtrees];
        if (this.subtrees.Count != BitOperations.PopCount((ulong)size) || this.subtrees.Any(s => s.Length != 32))
        {
            throw new ArgumentException($"A tree of {size} entries has {BitOperations.PopCount((ulong)size)} complete subtrees on its edge.", nameof(subtrees));
        }

        Size = size;
    }

    public long Size { get; private set; }

    public static MerkleFrontier Read(long size, ReadOnlySpan<byte> packed) => new(size, packed.ToArray().Chunk(32));

    public byte[] Pack() => [.. subtrees.SelectMany(s => s)];

    public byte[] Root()
    {
        if (subtrees.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var hash = subtrees[^1];
        for (var i = subtrees.Count - 2; i >= 0; i--)
        {
            hash = MerkleTree.NodeHash(subtrees[i], hash);
        }

        return hash;
    }

    /// <summary>Appends a leaf; returns the subtrees it completed (the leaf itself first), for the log to keep.</summary>
    public List<(int Level, long Index, byte[] Hash)> Append(byte[] leafHash)
    {
        var completed = new List<(int, long, byte[])> { (0, Size, leafHash) };
        var (level, index, hash) = (0, Size, leafHash);
        while ((index & 1) == 1)
        {
            hash = MerkleTree.NodeHash(subtrees[^1], hash);
            subtrees.RemoveAt(subtrees.Count - 1);
            level++;
            index >>= 1;
            completed.Add((level, index, hash));
        }

        subtrees.Add(hash);
        Size++;
        return completed;
    }
}
