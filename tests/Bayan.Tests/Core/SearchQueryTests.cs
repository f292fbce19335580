using Bayan.Core.Search;

namespace Bayan.Tests.Core;

/// <summary>How the search box is read: the syntax people know, and anything else as plain words.</summary>
public class SearchQueryTests
{
    private static string Describe(SearchQuery query) => query.Key;

    [Theory]
    [InlineData("water trucks", "(water) (trucks*)")]
    [InlineData("water trucks ", "(water) (trucks)")]
    [InlineData("\"mobile clinic\" kalat", "(mobile_clinic) (kalat*)")]
    [InlineData("convoy -attack", "(convoy) -attack")]
    [InlineData("flood OR drought camp", "(flood | drought) (camp*)")]
    [InlineData("OR flood", "(flood*)")]
    [InlineData("flood OR", "(flood)")]
    [InlineData("-attack", "-attack")]
    [InlineData("unclosed \"quote here", "(unclosed) (quote_here)")]
    [InlineData("«آب آشامیدنی»", "(اب_اشامیدنی)")]
    public void The_syntax_people_know(string typed, string expected) =>
        Assert.Equal(expected, Describe(SearchQuery.Parse(typed)));

    [Theory]
    [InlineData("title:water", "(title_water)")]
    [InlineData("NEAR(a b)", "(near_a) (b)")]
    [InlineData("^start * : +", "(start)")]
    [InlineData("'; DROP TABLE Statements; --", "(drop) (table) (statements)")]
    [InlineData("AND NOT", "(and) (not*)")]
    public void Other_engines_syntax_and_sql_read_as_plain_words(string typed, string expected) =>
        Assert.Equal(expected, Describe(SearchQuery.Parse(typed)));

    [Fact]
    public void Persian_typed_with_arabic_letters_and_digits_of_any_script_are_normalized()
    {
        Assert.Equal("(کودکان) (۱۴۰۳)".Replace("۱۴۰۳", "1403", StringComparison.Ordinal), Describe(SearchQuery.Parse("كودكان ١٤٠٣ ")));
    }

    [Fact]
    public void A_word_with_a_zero_width_non_joiner_also_matches_it_written_joined()
    {
        Assert.Equal("(می_روم | میروم)", Describe(SearchQuery.Parse("می\u200Cروم ")));
    }

    [Fact]
    public void Long_queries_and_control_characters_are_cut_and_cleaned()
    {
        var query = SearchQuery.Parse(string.Concat(Enumerable.Repeat("flood ", 2000)) + "\0\u0007");
        Assert.True(query.Text.Length <= SearchQuery.MaxLength);
        Assert.True(query.Required.Count <= SearchQuery.MaxTerms);
        Assert.Equal("(a) (b)", Describe(SearchQuery.Parse("a\u0000b ")));
        Assert.True(SearchQuery.Parse("\u0001 - OR").IsEmpty);
        Assert.True(SearchQuery.Parse(null).IsEmpty);
    }

    [Fact]
    public void Queries_typed_differently_that_look_for_the_same_have_the_same_key()
    {
        Assert.Equal(SearchQuery.Parse("water convoy ").Key, SearchQuery.Parse("  Water   CONVOY ").Key);
        Assert.Equal(SearchQuery.Parse("كودكان ").Key, SearchQuery.Parse("کودکان ").Key);
        Assert.NotEqual(SearchQuery.Parse("water convoy ").Key, SearchQuery.Parse("water -convoy ").Key);
        Assert.NotEqual(SearchQuery.Parse("water convoy ").Key, SearchQuery.Parse("\"water convoy\" ").Key);
        Assert.NotEqual(SearchQuery.Parse("water convoy ").Key, SearchQuery.Parse("water convoy").Key);
    }

    [Fact]
    public void Several_words_also_read_as_one_phrase_for_ranking()
    {
        Assert.Equal("(water_convoy_kalat) -attack", SearchQuery.Parse("water \"convoy kalat\" -attack").AsPhrase()!.Key);
        Assert.Equal("(flood_camp)", SearchQuery.Parse("flood OR drought camp ").AsPhrase()!.Key);
        Assert.Null(SearchQuery.Parse("water").AsPhrase());
    }
}
