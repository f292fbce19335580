using DiffPlex;
using DiffPlex.Chunkers;

namespace Bayan.Publishing;

/// <summary>
/// A word-level comparison of two texts, as runs of kept, removed and added text. Words are split at white space only,
/// so Persian and Arabic words (joined letters, zero-width non-joiners) are never cut apart.
/// </summary>
public static class WordDiff
{
    private static readonly Differ Differ = new();
    private static readonly IChunker Words = new DelimiterChunker([' ', '\n', '\t']);

    public static IReadOnlyList<DiffRun> Compare(string? before, string? after)
    {
        var result = Differ.CreateDiffs(before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, Words);
        var runs = new List<DiffRun>();
        var position = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(runs, DiffKind.Same, result.PiecesOld.Skip(position).Take(block.DeleteStartA - position));
            Add(runs, DiffKind.Removed, result.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            Add(runs, DiffKind.Added, result.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            position = block.DeleteStartA + block.DeleteCountA;
        }

        Add(runs, DiffKind.Same, result.PiecesOld.Skip(position));
        return runs;
    }

    private static void Add(List<DiffRun> runs, DiffKind kind, IEnumerable<string> pieces)
    {
        var text = string.Concat(pieces);
        if (text.Length > 0)
        {
            runs.Add(new DiffRun(kind, text));
        }
    }
}

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffRun(DiffKind Kind, string Text);
