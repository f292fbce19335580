using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Bayan.Tests;

/// <summary>Real files for upload tests, made on the spot.</summary>
public static class TestFiles
{
    /// <summary>A one-page PDF with <paramref name="line"/> as its text.</summary>
    public static byte[] Pdf(string line)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText(line, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        return builder.Build();
    }
}
