using SkiaSharp;
using UglyToad.PdfPig;

namespace Bayan.Attachments;

/// <summary>
/// Decides what an uploaded file really is from its bytes (never its name or the browser's word), and turns it into
/// what Bayan stores: images decoded and encoded again, which drops every metadata block (EXIF with GPS positions,
/// XMP, comments) from the one copy that is kept; PDFs opened and read for their text and page count.
/// </summary>
public static class UploadCheck
{
    /// <summary>Decoding a larger image would take too much memory: a "decompression bomb" is refused before decoding.</summary>
    public const long MaxPixels = 50_000_000;

    public static CheckedFile? Inspect(byte[] bytes, out string? problem)
    {
        problem = null;
        var kind = Sniff(bytes);
        switch (kind)
        {
            case "image/jpeg" or "image/png" or "image/webp":
                return Image(bytes, kind, out problem);
            case "application/pdf":
                return Pdf(bytes, out problem);
            default:
                problem = "This kind of file cannot be attached: only JPEG, PNG and WebP images and PDF documents.";
                return null;
        }
    }

    /// <summary>The content type the first bytes announce, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => "application/pdf",
        _ => null,
    };

    private static CheckedFile? Image(byte[] bytes, string contentType, out string? problem)
    {
        problem = "This image could not be read; it may be damaged.";
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return null;
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            problem = "This image has too many pixels (more than 50 million); make it smaller first.";
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        // The orientation lives in the EXIF block that is about to be dropped, so it is applied to the pixels first.
        using var upright = Orient(decoded, codec.EncodedOrigin);
        var format = contentType switch { "image/png" => SKEncodedImageFormat.Png, "image/webp" => SKEncodedImageFormat.Webp, _ => SKEncodedImageFormat.Jpeg };
        using var encoded = upright.Encode(format, 90);
        if (encoded is null)
        {
            return null;
        }

        problem = null;
        var clean = encoded.ToArray();
        return new CheckedFile(contentType, clean, upright.Width, upright.Height, null, null, Thumbnails.FromImage(clean));
    }

    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return bitmap.Copy();
        }

        var turned = origin is SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom or SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightBottom;
        var result = new SKBitmap(turned ? bitmap.Height : bitmap.Width, turned ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(result);
        var (w, h) = ((float)result.Width, (float)result.Height);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1, w / 2, 0); break;
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180, w / 2, h / 2); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1, 0, h / 2); break;
            case SKEncodedOrigin.LeftTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); canvas.Scale(1, -1, 0, bitmap.Height / 2f); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(0, h); canvas.RotateDegrees(270); canvas.Scale(1, -1, 0, bitmap.Height / 2f); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, h); canvas.RotateDegrees(270); break;
        }

        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }

    private static CheckedFile? Pdf(byte[] bytes, out string? problem)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            var text = string.Join("\n", document.GetPages().Select(p => p.Text));
            problem = null;
            return new CheckedFile("application/pdf", bytes, null, null, document.NumberOfPages, text, null);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or IOException
            or UglyToad.PdfPig.Core.PdfDocumentFormatException or FormatException)
        {
            // PdfPig reports a broken file in several ways; all mean the same to the person uploading it.
            problem = "This PDF could not be read; it may be damaged or protected.";
            return null;
        }
    }
}

/// <summary>An upload that passed its checks, as it will be stored.</summary>
public sealed record CheckedFile(string ContentType, byte[] Bytes, int? Width, int? Height, int? PageCount, string? Text, byte[]? Thumbnail);
