using Bayan.Core.Languages;
using Bayan.Core.Text;

namespace Bayan.Core.Taxonomy;

/// <summary>Series labels such as "Announcement No. {n}", and the numbering rule of a series.</summary>
public static class SeriesLabel
{
    public const string NumberPlaceholder = "{n}";

    public static string Format(string pattern, int number, DigitStyle digits) =>
        pattern.Contains(NumberPlaceholder, StringComparison.Ordinal)
            ? pattern.Replace(NumberPlaceholder, Digits.Localize(number, digits), StringComparison.Ordinal)
            : $"{pattern} {Digits.Localize(number, digits)}";

    /// <summary>Numbers are given in order of first publication: the next is one past the highest given so far.</summary>
    /// <summary>The highest number a statement can carry in a series; editors are refused anything above it.</summary>
    public const int MaxNumber = 1_000_000;

    /// <summary>The number after the highest given, never above <see cref="MaxNumber"/> (then the lowest free one).</summary>
    public static int NextNumber(IEnumerable<int> numbersGiven)
    {
        var given = numbersGiven.ToHashSet();
        var next = given.DefaultIfEmpty(0).Max() + 1L;
        if (next <= MaxNumber)
        {
            return (int)next;
        }

        var free = 1;
        while (given.Contains(free))
        {
            free++;
        }

        return free;
    }
}
