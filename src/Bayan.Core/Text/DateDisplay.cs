using System.Globalization;
using Bayan.Core.Languages;

namespace Bayan.Core.Text;

/// <summary>Formats dates for a page: in the language's calendar, month names and digits.</summary>
public static class DateDisplay
{
    private static readonly Dictionary<SiteLanguage, CultureInfo> Cultures = [];
    private static readonly Lock CulturesLock = new();

    public static string Format(DateTime utc, SiteLanguage language) =>
        Digits.Localize(utc.ToString("d MMMM yyyy", CultureFor(language, utc)), language.Digits);

    /// <summary>Day, month, year and 24-hour time: "3 March 2026, 14:05", "۱۳ اسفند ۱۴۰۴، ۱۴:۰۵".</summary>
    public static string FormatWithTime(DateTime local, SiteLanguage language)
    {
        var culture = CultureFor(language, local);
        var separator = language.Direction == "rtl" ? "، " : ", ";
        return Digits.Localize(local.ToString("d MMMM yyyy", culture) + separator + local.ToString("HH:mm", culture), language.Digits);
    }

    /// <summary>The year a date falls in, in the language's calendar (1403 rather than 2024 on Persian pages).</summary>
    public static int Year(DateTime utc, SiteLanguage language) => CultureFor(language, utc).DateTimeFormat.Calendar.GetYear(utc);

    /// <summary>The year in the language's calendar, or null for a date the calendar cannot express (before 622 in the Persian one).</summary>
    public static int? TryYear(DateTime utc, SiteLanguage language)
    {
        var calendar = CultureFor(language).DateTimeFormat.Calendar;
        return utc >= calendar.MinSupportedDateTime && utc <= calendar.MaxSupportedDateTime ? calendar.GetYear(utc) : null;
    }

    /// <summary>
    /// The language's culture, or its Gregorian twin for a date its own calendar cannot express (before 622 in the
    /// Persian one), so an odd date shows in another calendar rather than breaking the page.
    /// </summary>
    private static CultureInfo CultureFor(SiteLanguage language, DateTime date)
    {
        var culture = CultureFor(language);
        var calendar = culture.DateTimeFormat.Calendar;
        if (date >= calendar.MinSupportedDateTime && date <= calendar.MaxSupportedDateTime)
        {
            return culture;
        }

        var gregorian = (CultureInfo)culture.Clone();
        gregorian.DateTimeFormat.Calendar = new GregorianCalendar();
        return gregorian;
    }

    public static CultureInfo CultureFor(SiteLanguage language)
    {
        lock (CulturesLock)
        {
            if (!Cultures.TryGetValue(language, out var culture))
            {
                culture = (CultureInfo)CultureInfo.GetCultureInfo(language.Calendar == CalendarSystem.Persian && language.Code == "fa" ? "fa-IR" : language.Code).Clone();
                culture.DateTimeFormat.Calendar = language.Calendar switch
                {
                    CalendarSystem.Persian => new PersianCalendar(),
                    _ => new GregorianCalendar(),
                };
                Cultures[language] = culture;
            }

            return culture;
        }
    }
}
