using Bayan.Core;
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

    /// <summary>The largest attachment accepted, in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 25;

    /// <summary>How long public pages are kept in the output cache; 0 turns the cache off.</summary>
    public int CacheSeconds { get; set; } = 60;

    /// <summary>The site's identity until one is saved in the database (by the sample content or, later, the back office).</summary>
    public SiteIdentityOptions Site { get; set; } = new();

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

public sealed class SiteIdentityOptions
{
    public Dictionary<string, string> Names { get; set; } = [];

    public Dictionary<string, string> Taglines { get; set; } = [];

    public Dictionary<string, string> About { get; set; } = [];

    public List<FooterLinkOptions> FooterLinks { get; set; } = [];

    /// <summary>Path of the site's logo (SVG, PNG, JPEG or WebP), used when our own organization has no logo of its own.</summary>
    public string? Logo { get; set; }

    public SiteIdentity ToIdentity() => new()
    {
        Names = Names.Count > 0 ? new LocalizedText(Names) : SiteIdentity.Default.Names,
        Taglines = new LocalizedText(Taglines),
        About = new LocalizedText(About),
        FooterLinks = FooterLinks.Select(l => new FooterLink(l.Href, l.Labels)).ToList(),
    };
}

public sealed class FooterLinkOptions
{
    public string Href { get; set; } = "";

    public Dictionary<string, string> Labels { get; set; } = [];
}
