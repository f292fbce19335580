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

    /// <summary>All the text of a body, blocks ended as in excerpts, for the search index and its snippets.</summary>
    public static string PlainText(string html) => FromHtml(html, int.MaxValue);

    public static string FromHtml(string html, int maxWords = DefaultWords)
    {
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        var text = new StringBuilder();
        AppendText(document.Body!, text);
        return FromText(text.ToString(), maxWords);
    }

    /// <summary>
    /// Ends a block's text before the next block begins: a block without its own closing punctuation (an address, a list
    /// item) gets a full stop, which English, Persian and Arabic all write as ".".
    /// </summary>
    private static void EndBlock(StringBuilder text)
    {
        var end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > 0 && !".!?؟…:;؛".Contains(text[end - 1], StringComparison.Ordinal))
        {
            text.Insert(end, '.');
        }

        text.Append(' ');
    }

    private static void AppendText(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText textNode)
            {
                text.Append(textNode.Data);
            }
            else if (child is IElement { LocalName: "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "figure" or "table" })
            {
                // Headings, figures and tables read badly inside a one-paragraph preview.
                continue;
            }
            else if (child is IElement element && !InlineElements.Contains(element.LocalName))
            {
                AppendText(element, text);
                if (element.LocalName is not ("ul" or "ol"))
                {
                    EndBlock(text);
                }
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

        // "camp.…" reads badly: the ellipsis replaces whatever punctuation the last kept word ends with.
        var kept = string.Join(' ', words.Take(maxWords)).TrimEnd(',', '،', ';', '؛', ':', '-', '–', '—', '.');
        return kept + Ellipsis;
    }
}
