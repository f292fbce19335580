using System.Text;
using Bayan.Core.Text;

namespace Bayan.Core.Search;

/// <summary>A piece of text shown in a search result, marked when it matched the query.</summary>
public readonly record struct Fragment(string Text, bool Matched);

/// <summary>
/// Puts the index's matches back on the original text. The index stores and marks normalized text ("مدرسه" where the
/// statement says "مدرسة"); readers must see what was published. Normalization keeps words in order and never merges
/// two words, so the n-th word of the normalized text is (part of) the n-th word of the original, and the marks carry over
/// word by word.
/// </summary>
public static class Highlighter
{
    /// <summary>Marks the index puts around matched words (control characters, which no stored text contains).</summary>
    public const char Open = '\u0001';

    public const char Close = '\u0002';

    /// <summary>
    /// The original text, cut to about <paramref name="maxWords"/> words around the first match (the whole text when it is
    /// shorter), with the words the index marked in <paramref name="marked"/> flagged.
    /// </summary>
    public static IReadOnlyList<Fragment> Apply(string original, string marked, int maxWords = int.MaxValue)
    {
        var matched = MatchedWordNumbers(marked);
        var words = WordSpans(original);
        if (words.Count == 0)
        {
            return original.Length == 0 ? [] : [new Fragment(original, false)];
        }

        var first = matched.Count == 0 ? 0 : matched.Min();
        var from = 0;
        var to = words.Count - 1;
        if (words.Count > maxWords)
        {
            from = Math.Max(0, Math.Min(first - (maxWords / 4), words.Count - maxWords));
            to = from + maxWords - 1;
        }

        var fragments = new List<Fragment>();
        var position = from == 0 ? 0 : words[from].Start;
        if (from > 0)
        {
            fragments.Add(new Fragment("… ", false));
        }

        for (var i = from; i <= to; i++)
        {
            var (start, end, numbers) = words[i];
            if (start > position)
            {
                fragments.Add(new Fragment(original[position..start], false));
            }

            fragments.Add(new Fragment(original[start..end], numbers.Any(matched.Contains)));
            position = end;
        }

        var tail = to == words.Count - 1 ? original[position..] : " …";
        if (tail.Length > 0)
        {
            fragments.Add(new Fragment(tail, false));
        }

        return Merge(fragments);
    }

    /// <summary>Whether the index marked anything in <paramref name="marked"/>.</summary>
    public static bool HasMatch(string? marked) => marked is not null && marked.Contains(Open, StringComparison.Ordinal);

    /// <summary>The numbers (0, 1, 2…) of the words the index marked.</summary>
    private static HashSet<int> MatchedWordNumbers(string marked)
    {
        var matched = new HashSet<int>();
        var number = -1;
        var inWord = false;
        var inMark = false;
        foreach (var rune in marked.EnumerateRunes())
        {
            if (rune.Value == Open)
            {
                inMark = true;
                continue;
            }

            if (rune.Value == Close)
            {
                inMark = false;
                continue;
            }

            if (SearchQuery.IsWordRune(rune))
            {
                if (!inWord)
                {
                    number++;
                    inWord = true;
                }

                if (inMark)
                {
                    matched.Add(number);
                }
            }
            else
            {
                inWord = false;
            }
        }

        return matched;
    }

    /// <summary>
    /// The original's words as the index numbers them: each run of characters that normalizes to word characters,
    /// with the numbers of the normalized words it became (a word joined by a zero-width non-joiner becomes two).
    /// </summary>
    private static List<(int Start, int End, List<int> Numbers)> WordSpans(string original)
    {
        var spans = new List<(int, int, List<int>)>();
        var number = -1;
        var inWord = false;
        var start = 0;
        List<int>? numbers = null;
        var index = 0;
        foreach (var rune in original.EnumerateRunes())
        {
            var normalized = SearchText.Normalize(rune.ToString());
            // A character that normalization drops (a diacritic, tatweel) belongs to the word around it.
            var isWordPart = normalized.Length == 0 ? inWord : normalized.EnumerateRunes().Any(SearchQuery.IsWordRune);
            if (isWordPart)
            {
                foreach (var piece in normalized.EnumerateRunes())
                {
                    if (SearchQuery.IsWordRune(piece))
                    {
                        if (!inWord)
                        {
                            number++;
                            if (numbers is null)
                            {
                                start = index;
                                numbers = [];
                            }

                            numbers.Add(number);
                            inWord = true;
                        }
                    }
                    else
                    {
                        inWord = false;
                    }
                }
            }
            else
            {
                if (numbers is not null && !IsJoiner(rune))
                {
                    spans.Add((start, index, numbers));
                    numbers = null;
                }

                inWord = false;
            }

            index += rune.Utf16SequenceLength;
        }

        if (numbers is not null)
        {
            spans.Add((start, original.Length, numbers));
        }

        return spans;
    }

    /// <summary>The zero-width non-joiner splits a word for the index but not for the reader: the word stays whole on screen.</summary>
    private static bool IsJoiner(Rune rune) => rune.Value == 0x200C;

    private static List<Fragment> Merge(List<Fragment> fragments)
    {
        var merged = new List<Fragment>();
        var text = new StringBuilder();
        bool? matched = null;
        foreach (var fragment in fragments)
        {
            // White space between two matched words stays inside one mark.
            var joins = matched == true && !fragment.Matched && string.IsNullOrWhiteSpace(fragment.Text);
            var kind = joins ? true : fragment.Matched;
            if (matched is not null && kind != matched)
            {
                merged.Add(new Fragment(text.ToString(), matched.Value));
                text.Clear();
            }

            matched = kind;
            text.Append(fragment.Text);
        }

        if (matched is not null)
        {
            merged.Add(new Fragment(text.ToString(), matched.Value));
        }

        // A mark never ends in white space.
        for (var i = 0; i < merged.Count; i++)
        {
            if (merged[i].Matched && merged[i].Text.Length > 0 && char.IsWhiteSpace(merged[i].Text[^1]))
            {
                var trimmed = merged[i].Text.TrimEnd();
                var space = merged[i].Text[trimmed.Length..];
                merged[i] = new Fragment(trimmed, true);
                merged.Insert(i + 1, new Fragment(space, false));
            }
        }

        return merged.Where(f => f.Text.Length > 0).ToList();
    }

    /// <summary>The fragments written with [brackets] around matches: for tests and logs.</summary>
    public static string ToDebugString(IEnumerable<Fragment> fragments) =>
        string.Concat(fragments.Select(f => f.Matched ? $"[{f.Text}]" : f.Text));
}
