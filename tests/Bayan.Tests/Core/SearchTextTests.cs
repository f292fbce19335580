using Bayan.Core.Text;

namespace Bayan.Tests.Core;

/// <summary>Each normalization rule of <see cref="SearchText"/>, with the variants readers actually type.</summary>
public class SearchTextTests
{
    [Theory]
    [InlineData("كتاب", "کتاب")] // Arabic kaf → Persian kaf
    [InlineData("علي", "علی")] // Arabic yeh → Persian yeh
    [InlineData("مستشفى", "مستشفی")] // alef maksura → yeh
    [InlineData("أحمد", "احمد")] // alef with hamza above
    [InlineData("إسلام", "اسلام")] // alef with hamza below
    [InlineData("آب", "اب")] // alef with madda
    [InlineData("ٱلله", "الله")] // alef wasla
    [InlineData("مدرسة", "مدرسه")] // teh marbuta → heh
    [InlineData("خانۀ", "خانه")] // heh with yeh above → heh
    [InlineData("مؤسسة", "موسسه")] // waw with hamza
    [InlineData("مسئول", "مسیول")] // yeh with hamza
    [InlineData("شيء", "شی")] // lone hamza dropped
    public void Arabic_and_Persian_letter_variants_are_unified(string typed, string expected) =>
        Assert.Equal(expected, SearchText.Normalize(typed));

    [Theory]
    [InlineData("مُدَرِّسَةٌ", "مدرسه")] // harakat, shadda, tanwin
    [InlineData("كِتَابٌ", "کتاب")]
    [InlineData("هٰذا", "هذا")] // superscript alef
    [InlineData("بيــــان", "بیان")] // tatweel
    public void Diacritics_and_tatweel_are_removed(string typed, string expected) =>
        Assert.Equal(expected, SearchText.Normalize(typed));

    [Theory]
    [InlineData("۱۴۰۳", "1403")] // Persian digits
    [InlineData("٢٠٢٤", "2024")] // Arabic-Indic digits
    [InlineData("2024", "2024")]
    [InlineData("عام ٢٠٠٨", "عام 2008")]
    public void Digits_of_every_script_become_ascii(string typed, string expected) =>
        Assert.Equal(expected, SearchText.Normalize(typed));

    [Fact]
    public void The_zero_width_non_joiner_becomes_a_space_and_the_joined_form_is_offered_for_indexing()
    {
        Assert.Equal("می روم", SearchText.Normalize("می\u200Cروم"));
        Assert.Equal("می روم", SearchText.Normalize("می روم"));
        Assert.Equal(["میروم", "خانهها"], SearchText.JoinedWords("ما می\u200Cروم به خانه\u200Cها").ToList());
        Assert.Empty(SearchText.JoinedWords("no joiner here"));
    }

    [Theory]
    [InlineData("Convoy ACCESS", "convoy access")] // case folding
    [InlineData("ﬁnal", "final")] // NFKC: ligature
    [InlineData("ＵＮＨＣＲ", "unhcr")] // NFKC: full-width letters
    [InlineData("ﻻ", "لا")] // NFKC: Arabic presentation form
    [InlineData("a\u00ADb", "ab")] // soft hyphen
    [InlineData("\u200Fسلام\u200E", "سلام")] // bidi marks
    [InlineData("a\u200Db", "ab")] // zero-width joiner
    public void Compatibility_forms_case_and_invisible_characters_are_folded(string typed, string expected) =>
        Assert.Equal(expected, SearchText.Normalize(typed));

    [Fact]
    public void A_query_typed_with_arabic_letters_matches_a_persian_text_and_the_reverse()
    {
        var persian = SearchText.Normalize("یکی از کودکان آواره در مدرسهٔ کلات");
        var typedInArabic = SearchText.Normalize("يكي از كودكان");
        Assert.Contains(typedInArabic, persian, StringComparison.Ordinal);
        Assert.Contains(SearchText.Normalize("مدرسة"), SearchText.Normalize("مدرسه"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_from_a_damaged_pdf_does_not_stop_normalization() =>
        Assert.Equal("a\uFFFDb \uD83D\uDE00", SearchText.Normalize("a\uD800b \uD83D\uDE00"));

    [Fact]
    public void Empty_and_missing_text_normalize_to_empty()
    {
        Assert.Equal("", SearchText.Normalize(null));
        Assert.Equal("", SearchText.Normalize(""));
    }
}

/// <summary>Arabic words lose the article and the particles written onto them, and nothing else.</summary>
public class ArabicStemTests
{
    [Theory]
    [InlineData("بالكوليرا", "کولیرا")]
    [InlineData("الكوليرا", "کولیرا")]
    [InlineData("والمأوى", "ماوی")]
    [InlineData("للأطفال", "اطفال")]
    [InlineData("كوليرا", "کولیرا")]
    [InlineData("ال", "ال")]
    [InlineData("الم", "الم")]
    public void Prefixes_are_stripped_when_two_letters_remain(string word, string expected) =>
        Assert.Equal(expected, SearchText.ArabicStem(SearchText.Normalize(word)));

    [Fact]
    public void Only_words_that_had_a_prefix_give_a_stem() =>
        Assert.Equal(["کولیرا", "مخیم"], SearchText.ArabicStems(SearchText.Normalize("حالات بالكوليرا في المخيم")).ToList());
}
