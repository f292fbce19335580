using SkiaSharp;

namespace Bayan.Attachments;

/// <summary>Small previews of attached images, made once when the image is stored.</summary>
public static class Thumbnails
{
    public const int Width = 480;

    /// <summary>The pixel size of an image, or null when the bytes are not a readable image.</summary>
    public static (int Width, int Height)? SizeOf(byte[] image)
    {
        var info = SKBitmap.DecodeBounds(image);
        return info.Width > 0 && info.Height > 0 ? (info.Width, info.Height) : null;
    }

    /// <summary>A WebP preview at most <see cref="Width"/> pixels wide, or null when the bytes are not a readable image.</summary>
    public static byte[]? FromImage(byte[] image)
    {
        using var original = SKBitmap.Decode(image);
        if (original is null)
        {
            return null;
        }

        var scale = Math.Min(1.0, (double)Width / original.Width);
        var info = new SKImageInfo(Math.Max(1, (int)(original.Width * scale)), Math.Max(1, (int)(original.Height * scale)));
        using var resized = original.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var encoded = resized.Encode(SKEncodedImageFormat.Webp, 80);
        return encoded.ToArray();
    }
}
