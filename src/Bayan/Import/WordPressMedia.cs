using System.Text.RegularExpressions;
using Bayan.Attachments;
using Bayan.Core;
using Bayan.Core.Attachments;

namespace Bayan.Import;

/// <summary>An attachment post of the export: its address, its file under wp-content/uploads, its parent post and caption.</summary>
public sealed record WxrMedia(int Id, string Url, string? File, int Parent, string Caption);

/// <summary>
/// Brings a post's media in from a local copy of wp-content/uploads: its featured image, the files attached to it, and
/// the uploads its text shows (any of WordPress's resized copies stands for the original). Each file is checked like an
/// upload; the text's links to them are pointed at the new attachments, since the site loads nothing from other hosts.
/// </summary>
public sealed partial class WordPressMedia(string uploads, string siteHost, FileStore files, long maxBytes)
{
    private readonly string root = Path.GetFullPath(uploads).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;

    /// <summary>The files for <paramref name="item"/>: (path under uploads, caption), the featured image first.</summary>
    public IEnumerable<(string File, string Caption)> For(WxrItem item, IReadOnlyDictionary<int, WxrMedia> media, IEnumerable<WxrMedia> children)
    {
        var found = new List<(string, string)>();
        if (item.Meta.TryGetValue("_thumbnail_id", out var thumbnail) && int.TryParse(thumbnail, out var id) && media.TryGetValue(id, out var featured))
        {
            found.Add((featured.File ?? Relative(featured.Url) ?? "", featured.Caption));
        }

        found.AddRange(children.Select(m => (m.File ?? Relative(m.Url) ?? "", m.Caption)));
        foreach (Match match in UploadUrl().Matches(item.Content))
        {
            if (Ours(match))
            {
                found.Add((Uri.UnescapeDataString(match.Groups["file"].Value), ""));
            }
        }

        return found.Where(f => f.Item1.Length > 0).DistinctBy(f => f.Item1, StringComparer.Ordinal);
    }

    /// <summary>Reads, checks and stores one file; returns the attachment, or why it could not be brought in.</summary>
    public async Task<(Attachment? Attachment, string? Problem)> BringAsync(string file, string caption, string language, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(root, file));
        if (!path.StartsWith(root, StringComparison.Ordinal))
        {
            return (null, $"{file} is outside the uploads directory");
        }

        // A resized copy (photo-640x480.jpg) stands for its original when the original is there (one attachment, the
        // best copy); a file that only looks resized (wallpaper-1920x1080.png) is itself.
        if (Original(file) is var original && original != file && File.Exists(Path.Combine(root, original)))
        {
            path = Path.GetFullPath(Path.Combine(root, original));
        }

        if (!File.Exists(path))
        {
            return (null, $"{file} is not in the uploads directory");
        }

        var length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            return (null, $"{file} is larger than the {maxBytes / 1024 / 1024} MB allowed");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var checkedFile = UploadCheck.Inspect(bytes, out var problem);
        if (checkedFile is null)
        {
            return (null, $"{file}: {problem}");
        }

        var sha256 = await files.SaveAsync(checkedFile.Bytes, cancellationToken);
        return (new Attachment
        {
            FileName = AttachmentUploads.SafeName(file, checkedFile.ContentType),
            ContentType = checkedFile.ContentType,
            Size = checkedFile.Bytes.Length,
            Sha256 = sha256,
            Captions = string.IsNullOrWhiteSpace(caption) ? LocalizedText.None : LocalizedText.Of(language, caption.Trim()[..Math.Min(caption.Trim().Length, 500)]),
            ExtractedText = checkedFile.Text,
            PageCount = checkedFile.PageCount,
            Width = checkedFile.Width,
            Height = checkedFile.Height,
            ThumbnailSha256 = checkedFile.Thumbnail is null ? null : await files.SaveAsync(checkedFile.Thumbnail, cancellationToken),
        }, null);
    }

    /// <summary>Points the text's links to uploads (and their resized copies) at the attachments they became.</summary>
    public string Relink(string html, IReadOnlyDictionary<string, string> addresses) => UploadUrl().Replace(html, match =>
    {
        var file = Uri.UnescapeDataString(match.Groups["file"].Value);
        return Ours(match) && (addresses.TryGetValue(file, out var address) || addresses.TryGetValue(Original(file), out address)) ? address : match.Value;
    });

    /// <summary>Only the exporting site's uploads are its media; a partner's image stays the partner's.</summary>
    private bool Ours(Match match) => match.Groups["host"].Value.Equals(siteHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the text still shows files from the old site (images the site's policy will not load).</summary>
    public static int ExternalImages(string html) => ExternalImage().Count(html);

    /// <summary>The path under uploads of a file's address (https://old.org/wp-content/uploads/2023/09/a.jpg → 2023/09/a.jpg).</summary>
    private static string? Relative(string url) => UploadUrl().Match(url) is { Success: true } match ? Uri.UnescapeDataString(match.Groups["file"].Value) : null;

    /// <summary>The original of a resized copy (photo-640x480.jpg → photo.jpg), percent-decoded.</summary>
    private static string Original(string file) => Resized().Replace(file, "$1");

    [GeneratedRegex(@"(?:https?:)?//(?<host>[^/""'\s<>]+)[^""'\s<>]*?/wp-content/uploads/(?<file>[^""'\s<>?#]+)")]
    private static partial Regex UploadUrl();

    [GeneratedRegex(@"-\d+x\d+(\.[A-Za-z0-9]+)$")]
    private static partial Regex Resized();

    [GeneratedRegex(@"<img\b[^>]*\bsrc\s*=\s*[""']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalImage();
}
