using System.Text;
using Bayan.Core.Languages;

namespace Bayan.Core.Text;

/// <summary>Writes numbers in the digits of a language, and reads digits of any script back to ASCII.</summary>
public static class Digits
{
    private const char PersianZero = '\u06F0';
    private const char ArabicIndicZero = '\u0660';

    public static string Localize(string text, DigitStyle style)
    {
        var zero = style switch
        {
            DigitStyle.Persian => PersianZero,
            DigitStyle.ArabicIndic => ArabicIndicZero,
            _ => '0',
        };
        if (zero == '0')
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= '0' and <= '9' ? (char)(zero + (c - '0')) : c);
        }

        return builder.ToString();
    }

    public static string Localize(long number, DigitStyle style) =>
        Localize(number.ToString(System.Globalization.CultureInfo.InvariantCulture), style);

    /// <summary>Folds Persian, Arabic-Indic and other Unicode decimal digits to ASCII 0-9.</summary>
    public static string ToAscii(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9' && char.IsDigit(c))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append((char)('0' + (int)char.GetNumericValue(c)));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? text;
    }
}
