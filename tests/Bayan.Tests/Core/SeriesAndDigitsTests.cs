using Bayan.Core.Languages;
using Bayan.Core.Taxonomy;
using Bayan.Core.Text;

namespace Bayan.Tests.Core;

public class SeriesAndDigitsTests
{
    [Fact]
    public void Label_pattern_takes_the_number_in_the_language_digits()
    {
        Assert.Equal("Announcement No. 3", SeriesLabel.Format("Announcement No. {n}", 3, DigitStyle.Latin));
        Assert.Equal("اطلاعیهٔ شمارهٔ ۱۲", SeriesLabel.Format("اطلاعیهٔ شمارهٔ {n}", 12, DigitStyle.Persian));
        Assert.Equal("البلاغ رقم ٧", SeriesLabel.Format("البلاغ رقم {n}", 7, DigitStyle.ArabicIndic));
    }

    [Fact]
    public void Label_pattern_without_placeholder_gets_the_number_appended()
    {
        Assert.Equal("Bulletin 4", SeriesLabel.Format("Bulletin", 4, DigitStyle.Latin));
    }

    [Fact]
    public void Series_numbers_continue_after_the_highest_given()
    {
        Assert.Equal(1, SeriesLabel.NextNumber([]));
        Assert.Equal(8, SeriesLabel.NextNumber([1, 7, 3]));
    }

    [Fact]
    public void Digits_of_every_script_fold_to_ascii()
    {
        Assert.Equal("2024 1403 1445", Digits.ToAscii("2024 ۱۴۰۳ ١٤٤٥"));
    }

    [Fact]
    public void Persian_dates_use_the_solar_hijri_calendar_and_persian_digits()
    {
        var nowruz1403 = new DateTime(2024, 3, 20, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal("۱ فروردین ۱۴۰۳", DateDisplay.Format(nowruz1403, SiteLanguage.Persian));
        Assert.Equal(1403, DateDisplay.Year(nowruz1403, SiteLanguage.Persian));
    }

    [Fact]
    public void English_and_arabic_dates_are_gregorian()
    {
        var date = new DateTime(2024, 3, 5, 9, 0, 0, DateTimeKind.Utc);

        Assert.Equal("5 March 2024", DateDisplay.Format(date, SiteLanguage.English));
        Assert.Equal("٥ مارس ٢٠٢٤", DateDisplay.Format(date, SiteLanguage.Arabic));
    }

    [Fact]
    public void Calendar_is_configurable_per_language()
    {
        var gregorianPersian = SiteLanguage.Persian with { Calendar = CalendarSystem.Gregorian, Digits = DigitStyle.Latin };

        Assert.Equal(2024, DateDisplay.Year(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc), gregorianPersian));
    }
}

/// <summary>Dates a language's calendar cannot express still show, in the Gregorian calendar.</summary>
public class DateDisplayTests
{
    [Fact]
    public void A_date_before_the_persian_calendar_begins_is_shown_rather_than_breaking_the_page()
    {
        var persian = Bayan.Core.Languages.SiteLanguage.Defaults.Single(l => l.Code == "fa");
        var early = new DateTime(26, 5, 4, 12, 0, 0, DateTimeKind.Utc);

        Assert.Contains("۲۶", Bayan.Core.Text.DateDisplay.Format(early, persian), StringComparison.Ordinal);
        Assert.Equal(26, Bayan.Core.Text.DateDisplay.Year(early, persian));
        Assert.Contains("۱۴۰۵", Bayan.Core.Text.DateDisplay.Format(new DateTime(2026, 5, 4, 12, 0, 0, DateTimeKind.Utc), persian), StringComparison.Ordinal);
    }
}
