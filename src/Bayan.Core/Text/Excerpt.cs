using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Bayan.Core.Text;

/// <summary>
/// The short plain-text preview shown under a title in listings: the first words of a body,
/// cut between words, never inside a word or a tag, with an ellipsis when something was left out.
/// </summary>
public static class Excerpt
{
    public const int DefaultWords = 50;
    public const string Ellipsis = "…";

    private static readonly HtmlParser Parser = new();

    public static string FromHtml(string html, int maxWords = DefaultWords)
    {
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        var text = new StringBuilder();
        AppendText(document.Body!, text);
        return FromText(text.ToString(), maxWords);
    }

    private static void AppendText(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText textNode)
            {
                text.Append(textNode.Data);
            }
            else if (child is IElement element && !InlineElements.Contains(element.LocalName))
            {
                // Block elements are separated by a space so "end.</p><p>Start" stays two words.
                text.Append(' ');
                AppendText(element, text);
                text.Append(' ');
            }
            else
            {
                AppendText(child, text);
            }
        }
    }

    private static readonly HashSet<string> InlineElements =
        ["a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var"];

    public static string FromText(string text, int maxWords = DefaultWords)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= maxWords)
        {
            return string.Join(' ', words);
        }

        var kept = string.Join(' ', words.Take(maxWords)).TrimEnd(',', '،', ';', '؛', ':', '-', '–', '—');
        return kept + Ellipsis;
    }
}
