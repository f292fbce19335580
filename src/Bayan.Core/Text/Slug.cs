using System.Globalization;
using System.Text;

namespace Bayan.Core.Text;

/// <summary>
/// Makes the readable part of a URL from a title. Letters and digits of every script are kept
/// (a Persian title gives a Persian slug, as readers expect); everything else becomes a single hyphen.
/// </summary>
public static class Slug
{
    public const int MaxLength = 80;

    private const char ZeroWidthNonJoiner = '\u200C';

    public static string From(string title)
    {
        var decomposed = title.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        var previousBase = ' ';
        foreach (var c in decomposed)
        {
            if (IsDroppedMark(c, previousBase) || c == '\u0640' /* tatweel only stretches a word */ || c == '\'' || c == '\u2019')
            {
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark)
            {
                // A kept mark belongs to the letter before it.
                builder.Append(c);
                continue;
            }

            previousBase = c;
            if (char.IsLetterOrDigit(c) && c != ZeroWidthNonJoiner)
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(char.IsDigit(c) ? (char)('0' + (int)char.GetNumericValue(c)) : char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return Shorten(builder.ToString().Normalize(NormalizationForm.FormC));
    }

    /// <summary>
    /// Accents on Latin letters go (é → e), as do Arabic vowel signs (harakat), which are optional in writing.
    /// The madda and hamza marks stay: they are part of letters such as آ and أ, and recompose with them.
    /// </summary>
    private static bool IsDroppedMark(char c, char previousBase)
    {
        if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
        {
            return false;
        }

        var isArabicLetterPart = c is >= '\u0653' and <= '\u0655';
        return !isArabicLetterPart || previousBase < '\u0600';
    }

    /// <summary>Cuts an overlong slug at the last hyphen before the limit, never inside a word.</summary>
    private static string Shorten(string slug)
    {
        if (slug.Length <= MaxLength)
        {
            return slug;
        }

        var cut = slug.LastIndexOf('-', MaxLength);
        return cut > 0 ? slug[..cut] : slug[..MaxLength];
    }
}
