using Bayan.Core.Verification;

namespace Bayan.Tests.Core;

public class TextFingerprintTests
{
    [Fact]
    public void Spacing_line_breaks_invisible_marks_and_keyboards_do_not_matter()
    {
        var signed = TextFingerprint.Hash("بیانیهٔ شمارهٔ ۳: کمک‌ها باید برسند.");

        Assert.Equal(signed, TextFingerprint.Hash("  بيانیهٔ   شمارهٔ 3:\r\nکمک‌ها باید\u200F برسند.  "));
        Assert.Equal(signed, TextFingerprint.Hash("بیانیهٔ شمارهٔ ٣: كمک ها باید برسند."));
    }

    [Theory]
    [InlineData("The convoy did not reach the camp.", "The convoy did reach the camp.")]
    [InlineData("The convoy reached the camp.", "The convoy reached the camp!")]
    [InlineData("The convoy reached the camp.", "the convoy reached the camp.")]
    [InlineData("بَیان", "بِیان")]
    public void Words_letters_marks_case_and_punctuation_do(string published, string pasted)
    {
        Assert.NotEqual(TextFingerprint.Hash(published), TextFingerprint.Hash(pasted));
    }

    [Fact]
    public void A_body_reads_as_a_copied_page_reads_blocks_apart_and_nothing_added()
    {
        var text = TextFingerprint.BodyText("<h3>Demands</h3><ul><li>water</li><li>access</li></ul><p>The <strong>camp</strong> waits.</p>");

        Assert.Equal("Demands water access The camp waits.", TextFingerprint.Comparable(text));
    }
}
