using Bayan.Core.Text;

namespace Bayan.Tests.Core;

public class ExcerptTests
{
    [Fact]
    public void Short_text_is_kept_whole_without_ellipsis()
    {
        Assert.Equal("Water reached Kalat camp.", Excerpt.FromText("Water reached Kalat camp."));
    }

    [Fact]
    public void Long_text_is_cut_between_words_with_an_ellipsis()
    {
        var text = string.Join(' ', Enumerable.Range(1, 80).Select(i => $"word{i}"));

        var excerpt = Excerpt.FromText(text);

        Assert.EndsWith("word50…", excerpt);
        Assert.Equal(50, excerpt.Split(' ').Length);
    }

    [Fact]
    public void Html_is_reduced_to_text_and_never_cut_inside_a_tag()
    {
        var html = "<p>First <strong>bold</strong> words.</p><ul><li>one</li><li>two</li></ul>" +
                   "<p>" + string.Join(' ', Enumerable.Repeat("<a href=\"/x\">linked</a>", 60)) + "</p>";

        var excerpt = Excerpt.FromHtml(html);

        Assert.DoesNotContain("<", excerpt);
        Assert.DoesNotContain(">", excerpt);
        Assert.StartsWith("First bold words. one. two. linked", excerpt);
        Assert.EndsWith("linked…", excerpt);
    }

    [Fact]
    public void Block_elements_do_not_glue_words_together()
    {
        Assert.Equal("end. Start.", Excerpt.FromHtml("<p>end.</p><p>Start</p>"));
    }

    [Fact]
    public void Persian_text_is_cut_at_spaces_and_keeps_zero_width_non_joiners_inside_words()
    {
        var word = "خانواده‌ها";
        var text = string.Join(' ', Enumerable.Repeat(word, 70));

        var excerpt = Excerpt.FromText(text, maxWords: 5);

        Assert.Equal(string.Join(' ', Enumerable.Repeat(word, 5)) + "…", excerpt);
    }

    [Fact]
    public void Arabic_trailing_comma_is_dropped_before_the_ellipsis()
    {
        var excerpt = Excerpt.FromText("وصلت المياه، ثم وصلت القافلة، ثم وصل الأطباء", maxWords: 2);

        Assert.Equal("وصلت المياه…", excerpt);
    }

    [Fact]
    public void Blocks_without_closing_punctuation_end_with_a_full_stop_and_headings_are_left_out()
    {
        var excerpt = Excerpt.FromHtml("<h3>Our new address</h3><blockquote><p>Rudabad, Golestan Blvd, No. 52</p></blockquote><p>Our office moves؟</p>");

        Assert.Equal("Rudabad, Golestan Blvd, No. 52. Our office moves؟", excerpt);
    }

    [Fact]
    public void The_ellipsis_replaces_a_full_stop_at_the_cut()
    {
        Assert.Equal("One two three…", Excerpt.FromText("One two three. Four five six.", maxWords: 3));
    }

    [Fact]
    public void Entities_are_decoded_once()
    {
        Assert.Equal("Families & children <safe>.", Excerpt.FromHtml("<p>Families &amp; children &lt;safe&gt;</p>"));
    }
}
