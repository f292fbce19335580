using System.Globalization;
using System.Text;

namespace Bayan.Core.Text;

/// <summary>
/// The one normalization applied to text before it is indexed and to a query before it is searched, so that the
/// same word matches however it was typed. The rules, in order:
/// <list type="number">
/// <item>Unicode NFKC: presentation forms (ﻻ, ﺑ) and compatibility characters (ﬁ, full-width letters) become plain letters.</item>
/// <item>Invisible formatting is dropped: zero-width joiner, bidi marks and embeddings, soft hyphen, byte-order mark.</item>
/// <item>The zero-width non-joiner becomes a space: "می‌روم" is indexed as "می روم", which is also how it is often typed.
/// (<see cref="JoinedWords"/> gives the form typed with no space at all, "میروم", for indexing too.)</item>
/// <item>Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel are removed.</item>
/// <item>Letter variants are unified: Arabic yeh and alef maksura with Persian yeh (ی); Arabic kaf with Persian kaf (ک);
/// alef with hamza or madda and alef wasla with bare alef (ا); teh marbuta, heh with yeh above, heh goal and ae with heh (ه);
/// waw with hamza with waw (و); yeh with hamza with yeh (ی); a lone hamza (ء) is dropped.</item>
/// <item>Digits of every script become ASCII digits.</item>
/// <item>Case is folded (invariant lower case).</item>
/// </list>
/// English stemming is left to the index (FTS5's porter tokenizer), which applies it to Latin words only.
/// </summary>
public static class SearchText
{
    private const char ZeroWidthNonJoiner = '\u200C';

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // A lone surrogate (text pulled out of a damaged PDF) cannot be normalized: it becomes U+FFFD first.
        text = WithoutLoneSurrogates(text);
        var composed = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (Fold(c) is { } folded)
            {
                builder.Append(folded);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The words of <paramref name="text"/> that contain a zero-width non-joiner, written with nothing in its place
    /// ("می‌روم" → "میروم"), normalized: indexed beside the text so a reader who types the word joined finds it too.
    /// </summary>
    public static IEnumerable<string> JoinedWords(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains(ZeroWidthNonJoiner, StringComparison.Ordinal))
        {
            return [];
        }

        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Contains(ZeroWidthNonJoiner, StringComparison.Ordinal))
            .Select(word => Normalize(word.Replace(ZeroWidthNonJoiner.ToString(), "", StringComparison.Ordinal)))
            .Where(word => word.Length > 0)
            .Distinct(StringComparer.Ordinal);
    }

    // Arabic writes some particles as part of the next word: the article ال, and و, ف, ب, ك, ل before it. Longest first.
    private static readonly string[] ArabicPrefixes = ["وبال", "وکال", "فبال", "وال", "فال", "بال", "کال", "لل", "ال"];

    /// <summary>
    /// A normalized Arabic word without the article and the particles written onto it ("بالکولیرا", "الکولیرا" →
    /// "کولیرا"), or the word itself. Light stemming: only prefixes, and only when at least two letters remain. Applied to
    /// Arabic texts when they are indexed (as extra forms) and to query words (as an alternative), so "الكوليرا" finds
    /// "بالكوليرا"; Persian texts are left alone, since Persian words can begin with the same letters.
    /// </summary>
    public static string ArabicStem(string word)
    {
        foreach (var prefix in ArabicPrefixes)
        {
            if (word.Length >= prefix.Length + 2 && word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return word[prefix.Length..];
            }
        }

        return word;
    }

    /// <summary>The stems of the words of a normalized Arabic text that have a prefix (<see cref="ArabicStem"/>), once each.</summary>
    public static IEnumerable<string> ArabicStems(string normalized) =>
        normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => (word, stem: ArabicStem(word)))
            .Where(pair => pair.stem != pair.word)
            .Select(pair => pair.stem)
            .Distinct(StringComparer.Ordinal);

    private static string WithoutLoneSurrogates(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(text[i - 1]));
            if (!paired)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append('\uFFFD');
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>What one character becomes: itself, another, a space, or nothing (null).</summary>
    private static char? Fold(char c)
    {
        switch (c)
        {
            case ZeroWidthNonJoiner:
                return ' ';
            case '\u200D' or '\u200E' or '\u200F' or '\u00AD' or '\uFEFF' or '\u061C':
            case >= '\u202A' and <= '\u202E':
            case >= '\u2066' and <= '\u2069':
                return null;
            case '\u0640': // tatweel only stretches a word
            case >= '\u064B' and <= '\u065F': // harakat, tanwin, shadda, sukun, hamza above and below as marks
            case '\u0670': // superscript alef
            case >= '\u06D6' and <= '\u06ED': // Quranic annotation marks
                return null;
            case '\u064A' or '\u0649' or '\u06CC' or '\u0626' or '\u06D0':
                return '\u06CC'; // yeh
            case '\u0643' or '\u06A9' or '\u06AA':
                return '\u06A9'; // kaf
            case '\u0622' or '\u0623' or '\u0625' or '\u0671' or '\u0672' or '\u0673':
                return '\u0627'; // alef
            case '\u0629' or '\u06C0' or '\u06C1' or '\u06C2' or '\u06D5':
                return '\u0647'; // heh
            case '\u0624':
                return '\u0648'; // waw
            case '\u0621':
                return null; // a lone hamza
        }

        if (char.IsDigit(c) && c is < '0' or > '9')
        {
            return (char)('0' + (int)char.GetNumericValue(c));
        }

        return char.IsUpper(c) ? char.ToLower(c, CultureInfo.InvariantCulture) : c;
    }
}
