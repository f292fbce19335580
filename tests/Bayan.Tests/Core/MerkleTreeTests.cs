using System.Security.Cryptography;
using Bayan.Core.Verification;

namespace Bayan.Tests.Core;

public class MerkleTreeTests
{
    /// <summary>The leaves of Certificate Transparency's reference tests, whose roots are published with them.</summary>
    private static readonly byte[][] ReferenceLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    [Fact]
    public void Roots_match_the_reference_tree()
    {
        var tree = Tree(ReferenceLeaves);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(tree.Root(0)));
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(tree.Root(1)));
        Assert.Equal("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", Convert.ToHexStringLower(tree.Root(8)));
    }

    [Fact]
    public void Every_root_is_the_RFC_definition_computed_naively()
    {
        var leaves = Leaves(37);
        var tree = Tree(leaves);

        for (var size = 0; size <= leaves.Length; size++)
        {
            Assert.Equal(NaiveRoot(leaves[..size]), tree.Root(size));
        }
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_a_changed_one_does_not()
    {
        var leaves = Leaves(33);
        var tree = Tree(leaves);

        for (var size = 1; size <= leaves.Length; size++)
        {
            var root = tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                var leaf = MerkleTree.LeafHash(leaves[index]);
                var proof = MerkleTree.InclusionProof(index, size, tree.Subtree);

                Assert.True(MerkleTree.VerifyInclusion(index, size, leaf, proof, root), $"{index} in {size}");
                Assert.False(MerkleTree.VerifyInclusion(index, size, MerkleTree.LeafHash([.. leaves[index], 1]), proof, root));
                if (size < leaves.Length)
                {
                    // A proof is for one tree head: the next tree's root it does not prove.
                    Assert.False(MerkleTree.VerifyInclusion(index, size + 1, leaf, proof, tree.Root(size + 1)), $"{index} in {size} as in {size + 1}");
                }

                if (size > 1)
                {
                    Assert.False(MerkleTree.VerifyInclusion((index + 1) % size, size, leaf, proof, root), $"{index} as {(index + 1) % size} in {size}");
                    var changed = proof.Select(p => p.ToArray()).ToList();
                    changed[^1][0] ^= 1;
                    Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, changed, root));
                    Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, proof.Take(proof.Count - 1).ToList(), root));
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_verifies_and_a_rewritten_history_does_not()
    {
        var leaves = Leaves(33);
        var tree = Tree(leaves);
        var rewritten = leaves.Select(l => l.ToArray()).ToArray();
        rewritten[2][0] ^= 1;
        var other = Tree(rewritten);

        for (var second = 0; second <= leaves.Length; second++)
        {
            for (var first = 0; first <= second; first++)
            {
                var proof = MerkleTree.ConsistencyProof(first, second, tree.Subtree);

                Assert.True(MerkleTree.VerifyConsistency(first, second, tree.Root(first), tree.Root(second), proof), $"{first} → {second}");
                if (first > 2)
                {
                    // The earlier tree head saw leaf 2 as it was; a log that changed it cannot prove it only grew.
                    var theirs = MerkleTree.ConsistencyProof(first, second, other.Subtree);
                    Assert.False(MerkleTree.VerifyConsistency(first, second, tree.Root(first), other.Root(second), theirs), $"{first} → {second} rewritten");
                }

                if (first > 0 && first < second)
                {
                    Assert.False(MerkleTree.VerifyConsistency(first, second, tree.Root(first), tree.Root(second), proof.Skip(1).ToList()));
                    Assert.False(MerkleTree.VerifyConsistency(first - 1, second, tree.Root(first), tree.Root(second), proof));
                }
            }
        }
    }

    [Fact]
    public void A_frontier_appends_like_the_whole_tree_and_names_the_subtrees_it_completes()
    {
        var leaves = Leaves(70);
        var tree = Tree(leaves);
        var frontier = new MerkleFrontier(0, []);
        var kept = new Dictionary<(int, long), byte[]>();

        foreach (var leaf in leaves)
        {
            foreach (var (level, index, hash) in frontier.Append(MerkleTree.LeafHash(leaf)))
            {
                kept.Add((level, index), hash);
            }

            Assert.Equal(tree.Root(frontier.Size), frontier.Root());
            var reread = MerkleFrontier.Read(frontier.Size, frontier.Pack());
            Assert.Equal(frontier.Root(), reread.Root());
        }

        Assert.Equal(tree.Root(70), MerkleTree.Root(70, (level, index) => kept[(level, index)]));
        Assert.Equal(MerkleTree.InclusionProof(41, 70, tree.Subtree), MerkleTree.InclusionProof(41, 70, (level, index) => kept[(level, index)]));
        Assert.Throws<ArgumentException>(() => MerkleFrontier.Read(70, new byte[32]));
    }

    [Fact]
    public void A_proof_reads_only_a_logarithmic_number_of_subtrees()
    {
        var read = MerkleTree.SubtreesRead(nodes => MerkleTree.InclusionProof(12_345, 100_000, nodes));
        var consistency = MerkleTree.SubtreesRead(nodes => MerkleTree.ConsistencyProof(54_321, 100_000, nodes));

        Assert.InRange(read.Count, 1, 40);
        Assert.InRange(consistency.Count, 1, 60);
    }

    private static byte[][] Leaves(int count) => [.. Enumerable.Range(0, count).Select(i => SHA256.HashData(BitConverter.GetBytes(i))[..(i % 5 + 1)])];

    private static MemoryMerkleTree Tree(IEnumerable<byte[]> leaves)
    {
        var tree = new MemoryMerkleTree();
        foreach (var leaf in leaves)
        {
            tree.Append(MerkleTree.LeafHash(leaf));
        }

        return tree;
    }

    /// <summary>RFC 9162, 2.1.1, as written there.</summary>
    private static byte[] NaiveRoot(byte[][] leaves)
    {
        if (leaves.Length == 0)
        {
            return SHA256.HashData([]);
        }

        if (leaves.Length == 1)
        {
            return SHA256.HashData([0, .. leaves[0]]);
        }

        var k = 1;
        while (k * 2 < leaves.Length)
        {
            k *= 2;
        }

        return SHA256.HashData([1, .. NaiveRoot(leaves[..k]), .. NaiveRoot(leaves[k..])]);
    }
}
