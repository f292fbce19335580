using Bayan.Core.Languages;
using Bayan.Core.Text;
using Microsoft.Extensions.Localization;

namespace Bayan.Attachments;

/// <summary>How attachments are described to readers: their kind and size in the page's language.</summary>
public static class FileKinds
{
    public static string Describe(string contentType, IStringLocalizer text) => contentType switch
    {
        "application/pdf" => text["PDF document"],
        "image/png" or "image/jpeg" or "image/webp" or "image/gif" => text["Image"],
        _ => text["File"],
    };

    public static string Size(long bytes, SiteLanguage language, IStringLocalizer text)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var (value, unit) = bytes switch
        {
            < 1024 => (bytes.ToString(culture), text["bytes"].Value),
            < 1024 * 1024 => ((bytes / 1024.0).ToString("0", culture), text["KB"].Value),
            _ => ((bytes / (1024.0 * 1024)).ToString("0.0", culture), text["MB"].Value),
        };
        return Digits.Localize(value, language.Digits) + "\u00A0" + unit;
    }

    /// <summary>"1 page", "12 pages" (Persian and Arabic use the same form for both here).</summary>
    public static string Pages(int pages, SiteLanguage language, IStringLocalizer text) =>
        pages == 1 ? text["1 page"] : text["{0} pages", Digits.Localize(pages, language.Digits)];

    /// <summary>Kind, size and (for PDFs) pages: "PDF document · 120 KB · 3 pages".</summary>
    public static string Details(Core.Attachments.Attachment attachment, SiteLanguage language, IStringLocalizer text) =>
        Describe(attachment.ContentType, text) + " · " + Size(attachment.Size, language, text)
        + (attachment.PageCount is { } pages ? " · " + Pages(pages, language, text) : "");
}
