using Bayan.Core.Languages;

namespace Bayan.Shared;

/// <summary>The "Bayan" configuration section.</summary>
public sealed class SiteOptions
{
    public const string Section = "Bayan";

    /// <summary>Languages the site is published in; the first is the default. When none are configured: en, fa, ar.</summary>
    public List<LanguageOptions> Languages { get; set; } = [];

    /// <summary>The site's public address (https://statements.example.org), used in canonical links; the request's host when unset.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Statements per listing page.</summary>
    public int PageSize { get; set; } = 10;

    public IReadOnlyList<SiteLanguage> SiteLanguages() =>
        Languages.Count == 0
            ? SiteLanguage.Defaults
            : Languages.Select(l => l.ToSiteLanguage()).ToList();
}

public sealed class LanguageOptions
{
    public string Code { get; set; } = "";

    public string? NativeName { get; set; }

    public bool? RightToLeft { get; set; }

    public CalendarSystem? Calendar { get; set; }

    public DigitStyle? Digits { get; set; }

    /// <summary>Unset fields take the built-in defaults of the language when Bayan knows it.</summary>
    public SiteLanguage ToSiteLanguage()
    {
        var known = SiteLanguage.Defaults.FirstOrDefault(l => l.Code.Equals(Code, StringComparison.OrdinalIgnoreCase))
            ?? new SiteLanguage(Code, Code, false, CalendarSystem.Gregorian, DigitStyle.Latin);
        return new SiteLanguage(
            known.Code,
            NativeName ?? known.NativeName,
            RightToLeft ?? known.RightToLeft,
            Calendar ?? known.Calendar,
            Digits ?? known.Digits);
    }
}
