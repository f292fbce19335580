using System.Text;
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
        foreach (var node in document.Body!.ChildNodes)
        {
            // Block elements are separated by a space so "end.</p><p>Start" stays two words.
            text.Append(node.TextContent).Append(' ');
        }

        return FromText(text.ToString(), maxWords);
    }

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
