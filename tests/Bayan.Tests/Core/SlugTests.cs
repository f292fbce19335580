using Bayan.Core.Text;

namespace Bayan.Tests.Core;

public class SlugTests
{
    [Theory]
    [InlineData("Call for volunteers: Varzan response", "call-for-volunteers-varzan-response")]
    [InlineData("  Émigré café — 2021!  ", "emigre-cafe-2021")]
    [InlineData("Mothers' Committee of Rudabad", "mothers-committee-of-rudabad")]
    public void Latin_titles_become_lowercase_hyphenated_ascii(string title, string slug)
    {
        Assert.Equal(slug, Slug.From(title));
    }

    [Fact]
    public void Persian_titles_keep_their_letters_including_alef_madda()
    {
        Assert.Equal("کمبود-آب-در-اردوگاه-کلات", Slug.From("کمبود آب در اردوگاه کلات"));
    }

    [Fact]
    public void Persian_zero_width_non_joiner_becomes_a_hyphen_and_digits_become_ascii()
    {
        Assert.Equal("خانواده-ها-۱۴۰۰", Slug.From("خانواده‌ها ۱۴۰۰").Replace("1400", "۱۴۰۰", StringComparison.Ordinal));
        Assert.Equal("خانواده-ها-1400", Slug.From("خانواده‌ها ۱۴۰۰"));
    }

    [Fact]
    public void Arabic_vowel_signs_and_tatweel_are_removed_but_hamza_stays()
    {
        Assert.Equal("بيان-الأسر-النازحة", Slug.From("بَيانُ الأُسَر النـــازحة"));
    }

    [Fact]
    public void Long_titles_are_cut_at_a_hyphen_within_the_limit()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("reconstruction", 20)));

        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.EndsWith("reconstruction", slug);
    }
}
