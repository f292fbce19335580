namespace Bayan.Core;

/// <summary>How the site presents itself: name, tagline, about text and footer links, per language.</summary>
public sealed class SiteIdentity
{
    public int Id { get; set; }

    public LocalizedText Names { get; set; } = LocalizedText.None;

    public LocalizedText Taglines { get; set; } = LocalizedText.None;

    public LocalizedText About { get; set; } = LocalizedText.None;

    public List<FooterLink> FooterLinks { get; set; } = [];

    /// <summary>SHA-256 of the site's logo in the file store, when one was uploaded in the back office.</summary>
    public string? LogoSha256 { get; set; }

    public string? LogoContentType { get; set; }

    /// <summary>Whether every team member must use two-factor sign-in before using the back office.</summary>
    public bool RequireTwoFactor { get; set; }

    /// <summary>
    /// The IANA time zone the organization works in (Asia/Tehran, Europe/London): dates readers see and times editors
    /// type are in it. Stored times are always UTC.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// The languages the site publishes in, as comma-separated codes, the default first ("fa,en,ar"); null publishes every
    /// language the configuration makes available, in its order.
    /// </summary>
    public string? Languages { get; set; }

    /// <summary>Statements per listing page; null keeps the configured Bayan:PageSize.</summary>
    public int? PageSize { get; set; }

    public static SiteIdentity Default { get; } = new() { Names = LocalizedText.Of("en", "Bayan") };
}

public sealed record FooterLink(string Href, Dictionary<string, string> Labels);
