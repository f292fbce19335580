using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Bayan.Core.Verification;

/// <summary>
/// A text as it survives being copied and pasted: the same words, whatever the spacing, line breaks, invisible marks
/// and keyboard (Arabic or Persian yeh and kaf, Persian, Arabic or Latin digits). Nothing that can change what a
/// sentence says is folded: letters, vowel marks, hamza, case and punctuation stay as they are, so a text that compares
/// equal says word for word what the signed one says.
/// </summary>
public static class TextFingerprint
{
    public static string Comparable(string? text) => Clean(text, fold: true);

    /// <summary>
    /// The text with its spacing and invisible marks cleaned as for comparing, its letters and digits as typed and its
    /// line breaks kept (one where there were several): for showing differences.
    /// </summary>
    public static string Readable(string? text) => Clean(text, fold: false);

    private static string Clean(string? text, bool fold)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var composed = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(composed.Length);
        var space = false;
        var lineBreak = false;
        foreach (var c in composed)
        {
            if (char.IsWhiteSpace(c) || c == '\u200C')
            {
                space = builder.Length > 0;
                // Shown to readers, a text keeps its paragraphs; compared, a line break is a space like any other.
                lineBreak |= space && !fold && c is '\n' or '\r' or '\u2028' or '\u2029';
                continue;
            }

            if (c is '\u200B' or '\u200D' or '\u200E' or '\u200F' or '\u00AD' or '\uFEFF' or '\u061C' or '\u0640'
                or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                continue;
            }

            if (space)
            {
                builder.Append(lineBreak ? '\n' : ' ');
                space = false;
                lineBreak = false;
            }

            builder.Append(!fold ? c : c switch
            {
                '\u064A' or '\u0649' => '\u06CC',
                '\u0643' => '\u06A9',
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>The hex SHA-256 of the comparable form, to find a text among every version ever signed.</summary>
    public static string Hash(string? text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Comparable(text))));

    /// <summary>
    /// A published body's text as a reader copies it from the page: the words of every block, blocks apart, and nothing
    /// added (excerpts end blocks with a full stop; a copied page does not).
    /// </summary>
    public static string BodyText(string bodyHtml)
    {
        var document = Parser.ParseDocument("<body>" + bodyHtml + "</body>");
        var text = new StringBuilder();
        Append(document.Body!, text);
        return text.ToString();
    }

    private static readonly HtmlParser Parser = new();

    /// <summary>Elements within a line; every other element stands apart from its neighbours.</summary>
    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strong", "sub", "sup", "time", "u", "var",
    };

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText piece)
            {
                text.Append(piece.Data);
            }
            else if (child is IElement element)
            {
                var apart = !Inline.Contains(element.LocalName);
                if (apart)
                {
                    text.Append('\n');
                }

                Append(element, text);
                if (apart)
                {
                    text.Append('\n');
                }
            }
        }
    }

    /// <summary>The two forms a reader is sent: the body alone, or the title followed by the body.</summary>
    public static (string Body, string TitleAndBody) Hashes(string title, string bodyHtml)
    {
        var body = BodyText(bodyHtml);
        return (Hash(body), Hash(title + "\n" + body));
    }
}
