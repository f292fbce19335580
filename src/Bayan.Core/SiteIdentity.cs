namespace Bayan.Core;

/// <summary>How the site presents itself: name, tagline, about text and footer links, per language.</summary>
public sealed class SiteIdentity
{
    public int Id { get; set; }

    public LocalizedText Names { get; set; } = LocalizedText.None;

    public LocalizedText Taglines { get; set; } = LocalizedText.None;

    public LocalizedText About { get; set; } = LocalizedText.None;

    public List<FooterLink> FooterLinks { get; set; } = [];

    public static SiteIdentity Default { get; } = new() { Names = LocalizedText.Of("en", "Bayan") };
}

public sealed record FooterLink(string Href, Dictionary<string, string> Labels);
