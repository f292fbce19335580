using System.Globalization;
using System.Text;
using SkiaSharp;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Bayan.Demo;

/// <summary>Draws the sample content's files: photographs-like illustrations, signed PDF documents and logos.</summary>
internal static class DemoFiles
{
    private static readonly Dictionary<string, (SKColor Sky, SKColor Ground, SKColor Accent)> Palettes = new()
    {
        ["water"] = (new SKColor(0x9c, 0xc9, 0xe3), new SKColor(0xc8, 0xa8, 0x78), new SKColor(0x1d, 0x5f, 0xa8)),
        ["tents"] = (new SKColor(0xf2, 0xd7, 0xa6), new SKColor(0xb8, 0x93, 0x5a), new SKColor(0xee, 0xee, 0xe4)),
        ["school"] = (new SKColor(0xb9, 0xd8, 0xee), new SKColor(0x8c, 0xa8, 0x5c), new SKColor(0xd9, 0x6c, 0x2b)),
        ["convoy"] = (new SKColor(0xe8, 0xd9, 0xc0), new SKColor(0x9e, 0x86, 0x62), new SKColor(0xf4, 0xf4, 0xf0)),
        ["flood"] = (new SKColor(0x8a, 0x9b, 0xab), new SKColor(0x5b, 0x72, 0x7e), new SKColor(0x6b, 0x4f, 0x33)),
        ["clinic"] = (new SKColor(0xcf, 0xe6, 0xe3), new SKColor(0xa9, 0x9a, 0x7c), new SKColor(0x0b, 0x5c, 0x58)),
        ["field"] = (new SKColor(0xbf, 0xdd, 0xf0), new SKColor(0x9a, 0xa8, 0x3e), new SKColor(0x3f, 0x7a, 0x1f)),
    };

    /// <summary>A simple landscape in the colours of the scene, as a PNG; deterministic for a given seed.</summary>
    public static byte[] Illustration(string scene, int seed)
    {
        var (sky, ground, accent) = Palettes.GetValueOrDefault(scene, Palettes["field"]);
        var random = new Random(seed);
        const int width = 1200, height = 800;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        using (var skyPaint = new SKPaint())
        {
            skyPaint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height * 0.6f), [sky, SKColors.White], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, skyPaint);
        }

        using var paint = new SKPaint { IsAntialias = true };
        paint.Color = ground.WithAlpha(150);
        canvas.DrawOval(300, 520, 520, 140, paint);
        canvas.DrawOval(900, 540, 480, 130, paint);
        paint.Color = ground;
        canvas.DrawRect(0, 540, width, height - 540, paint);

        for (var i = 0; i < 7; i++)
        {
            var x = 80 + (i * 160) + random.Next(-30, 30);
            var baseY = 560 + random.Next(0, 120);
            var size = 60 + random.Next(0, 50);
            paint.Color = i % 2 == 0 ? accent : accent.WithAlpha(200);
            switch (scene)
            {
                case "tents" or "school" or "clinic":
                    using (var path = SKPath.ParseSvgPathData(string.Create(CultureInfo.InvariantCulture, $"M{x - size},{baseY} L{x},{baseY - size} L{x + size},{baseY} Z")))
                    {
                        canvas.DrawPath(path, paint);
                    }

                    break;
                case "convoy":
                    canvas.DrawRoundRect(x - size, baseY - (size * 0.7f), size * 1.8f, size * 0.7f, 8, 8, paint);
                    paint.Color = SKColors.DimGray;
                    canvas.DrawCircle(x - (size * 0.6f), baseY, size * 0.18f, paint);
                    canvas.DrawCircle(x + (size * 0.5f), baseY, size * 0.18f, paint);
                    break;
                case "flood":
                    canvas.DrawRect(x - (size / 2f), baseY - size, size, size, paint);
                    break;
                default:
                    canvas.DrawCircle(x, baseY - (size / 2f), size / 2f, paint);
                    break;
            }
        }

        if (scene is "water" or "flood")
        {
            paint.Color = new SKColor(0x3b, 0x7d, 0xb5, 170);
            canvas.DrawRect(0, 680, width, 120, paint);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 90);
        return png.ToArray();
    }

    /// <summary>A one-page document with a letterhead, the text and a signature line, in a standard PDF font.</summary>
    public static byte[] Document(string organization, string title, IReadOnlyList<string> paragraphs, DateTime date)
    {
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(PageSize.A4);
        const double left = 60, right = 535;
        var y = 780.0;
        page.SetTextAndFillColor(11, 92, 88);
        page.AddText(Ascii(organization), 16, new PdfPoint(left, y), bold);
        page.SetStrokeColor(11, 92, 88);
        page.DrawLine(new PdfPoint(left, y - 10), new PdfPoint(right, y - 10), 1.5);
        page.ResetColor();
        y -= 40;
        page.AddText(date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), 10, new PdfPoint(left, y), regular);
        y -= 28;
        foreach (var line in Wrap(Ascii(title), 60))
        {
            page.AddText(line, 14, new PdfPoint(left, y), bold);
            y -= 20;
        }

        y -= 8;
        foreach (var paragraph in paragraphs)
        {
            foreach (var line in Wrap(Ascii(paragraph), 92))
            {
                page.AddText(line, 10.5, new PdfPoint(left, y), regular);
                y -= 15;
            }

            y -= 10;
        }

        y = Math.Min(y - 30, 140);
        page.DrawLine(new PdfPoint(left, y), new PdfPoint(left + 180, y), 0.8);
        page.AddText("For the board, " + Ascii(organization), 9, new PdfPoint(left, y - 14), regular);
        return builder.Build();
    }

    /// <summary>A square logo: the organization's colour with a simple emblem and its initial.</summary>
    public static byte[] Logo(string englishName, string color, bool own)
    {
        var initial = englishName.TrimStart()[..1].ToUpperInvariant();
        var emblem = own
            ? "<path d=\"M12 40a20 20 0 0 1 40 0\" fill=\"none\" stroke=\"#fff\" stroke-width=\"5\" stroke-linecap=\"round\"/><circle cx=\"32\" cy=\"22\" r=\"5\" fill=\"#f2c14e\"/><path d=\"M16 48h32\" stroke=\"#fff\" stroke-width=\"4\" stroke-linecap=\"round\"/>"
            : $"<text x=\"32\" y=\"43\" text-anchor=\"middle\" font-family=\"Georgia, serif\" font-size=\"30\" font-weight=\"700\" fill=\"#fff\">{initial}</text>";
        var svg = $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\"><rect width=\"64\" height=\"64\" rx=\"14\" fill=\"{color}\"/>{emblem}</svg>";
        return Encoding.UTF8.GetBytes(svg);
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>The standard PDF fonts cover Latin-1 only; anything else is replaced so the PDF stays valid.</summary>
    private static string Ascii(string text) =>
        new(text.Replace('\u2019', '\'').Replace('\u2013', '-').Replace('\u2014', '-').Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
