using Bayan.Core.Search;
using Bayan.Core.Text;

namespace Bayan.Tests.Core;

/// <summary>Marks found in normalized text land on the right words of the original.</summary>
public class HighlighterTests
{
    /// <summary>Marks the normalized words of <paramref name="original"/> that are in <paramref name="hits"/>, as the index would.</summary>
    private static string IndexMarks(string original, params string[] hits)
    {
        var normalized = SearchText.Normalize(original);
        var builder = new System.Text.StringBuilder();
        var word = new System.Text.StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                var text = word.ToString();
                builder.Append(hits.Contains(text) ? $"{Highlighter.Open}{text}{Highlighter.Close}" : text);
                word.Clear();
            }
        }

        foreach (var rune in normalized.EnumerateRunes())
        {
            if (SearchQuery.IsWordRune(rune))
            {
                word.Append(rune.ToString());
            }
            else
            {
                Flush();
                builder.Append(rune.ToString());
            }
        }

        Flush();
        return builder.ToString();
    }

    private static string Mark(string original, params string[] hits) =>
        Highlighter.ToDebugString(Highlighter.Apply(original, IndexMarks(original, hits)));

    [Fact]
    public void English_matches_keep_their_original_case_and_punctuation() =>
        Assert.Equal("The [Convoy] reached Kalat, [convoy] leaders said.", Mark("The Convoy reached Kalat, convoy leaders said.", "convoy"));

    [Fact]
    public void Arabic_text_is_marked_as_published_not_as_normalized() =>
        Assert.Equal("افتتاح [المدرسة] في كلات", Mark("افتتاح المدرسة في كلات", "المدرسه"));

    [Fact]
    public void Diacritics_stay_inside_the_marked_word() =>
        Assert.Equal("[مُدَرِّسَةٌ] جديدة", Mark("مُدَرِّسَةٌ جديدة", "مدرسه"));

    [Fact]
    public void A_word_joined_by_a_zero_width_non_joiner_is_marked_whole() =>
        Assert.Equal("ما [می\u200Cروم] به خانه", Mark("ما می\u200Cروم به خانه", "روم"));

    [Fact]
    public void Adjacent_matches_become_one_mark() =>
        Assert.Equal("a [mobile clinic] arrived", Mark("a mobile clinic arrived", "mobile", "clinic"));

    [Fact]
    public void Long_text_is_cut_around_the_first_match()
    {
        var text = string.Join(" ", Enumerable.Range(1, 200).Select(i => i == 150 ? "needle" : $"w{i}"));
        var marked = Mark(text, "needle");
        var cut = Highlighter.ToDebugString(Highlighter.Apply(text, IndexMarks(text, "needle"), maxWords: 20));

        Assert.Contains("[needle]", marked, StringComparison.Ordinal);
        Assert.StartsWith("… ", cut, StringComparison.Ordinal);
        Assert.EndsWith(" …", cut, StringComparison.Ordinal);
        Assert.Contains("[needle]", cut, StringComparison.Ordinal);
        Assert.True(cut.Split(' ').Length <= 24);
    }

    [Fact]
    public void Text_without_a_match_is_returned_plain() =>
        Assert.Equal("Nothing matched here.", Mark("Nothing matched here."));
}
