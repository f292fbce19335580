using Bayan.Core.Languages;

namespace Bayan.Tests.Core;

public class LanguageNegotiationTests
{
    private static readonly string[] Site = ["en", "fa", "ar"];

    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("fa-IR,fa;q=0.9,en;q=0.8", "fa")]
    [InlineData("de-DE,ar;q=0.7,en;q=0.5", "ar")]
    [InlineData("en;q=0.2, fa;q=0.9", "fa")]
    [InlineData("de, fr", "en")]
    [InlineData("ar, fa", "ar")]
    [InlineData("*", "en")]
    [InlineData("fa;q=0", "en")]
    [InlineData("fa;q=abc, ar;q=0.5", "fa")]
    [InlineData(",,;;q=,", "en")]
    public void Chooses_the_best_site_language(string? header, string expected)
    {
        Assert.Equal(expected, LanguageNegotiation.Choose(header, Site, "en"));
    }
}
