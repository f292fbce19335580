namespace Bayan.Core.Languages;

/// <summary>The calendar dates are shown in on pages of one language.</summary>
public enum CalendarSystem
{
    Gregorian,
    Persian,
}

/// <summary>The digits numbers are written with on pages of one language.</summary>
public enum DigitStyle
{
    Latin,
    Persian,
    ArabicIndic,
}

/// <summary>A language the site is published in, with how its pages are set.</summary>
public sealed record SiteLanguage(
    string Code,
    string NativeName,
    bool RightToLeft,
    CalendarSystem Calendar,
    DigitStyle Digits)
{
    public string Direction => RightToLeft ? "rtl" : "ltr";

    public static SiteLanguage English { get; } = new("en", "English", false, CalendarSystem.Gregorian, DigitStyle.Latin);

    public static SiteLanguage Persian { get; } = new("fa", "فارسی", true, CalendarSystem.Persian, DigitStyle.Persian);

    public static SiteLanguage Arabic { get; } = new("ar", "العربية", true, CalendarSystem.Gregorian, DigitStyle.ArabicIndic);

    public static IReadOnlyList<SiteLanguage> Defaults { get; } = [English, Persian, Arabic];
}
