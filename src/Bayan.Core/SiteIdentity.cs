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

    public static SiteIdentity Default { get; } = new() { Names = LocalizedText.Of("en", "Bayan") };
}

public sealed record FooterLink(string Href, Dictionary<string, string> Labels);
