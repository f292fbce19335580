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
}
