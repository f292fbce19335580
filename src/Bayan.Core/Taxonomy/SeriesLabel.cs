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
    public static int NextNumber(IEnumerable<int> numbersGiven) => numbersGiven.DefaultIfEmpty(0).Max() + 1;
}
