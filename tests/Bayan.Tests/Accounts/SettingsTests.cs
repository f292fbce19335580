using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Bayan.Accounts;
using SkiaSharp;

namespace Bayan.Tests.Accounts;

public sealed class SettingsTests : IAsyncLifetime
{
    private BayanApp app = null!;

    public async Task InitializeAsync() => app = await BayanApp.StartAsync(demo: false, "--Bayan:CacheSeconds=0");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Administrators_set_the_name_tagline_and_logo_and_can_require_two_factor_sign_in()
    {
        var admin = await app.CreateClientAsAsync(Roles.Administrator);

        using var wrong = await PostSettingsAsync(admin, "wrong password", requireTwoFactor: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        using var saved = await PostSettingsAsync(admin, BayanApp.DefaultPassword, requireTwoFactor: true);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var home = await app.GetHtmlAsync("/fa/");
        Assert.Equal("دیده‌بان بندر", home.QuerySelector(".brand-name")!.TextContent);
        Assert.Equal("/site-logo", home.QuerySelector(".brand-logo")!.GetAttribute("src"));
        using var logo = await app.Client.GetAsync(new Uri("/site-logo", UriKind.Relative));
        Assert.Equal("image/png", logo.Content.Headers.ContentType!.MediaType);

        var editor = await app.CreateClientAsAsync(Roles.Editor);
        using var blocked = await editor.GetAsync(new Uri("/admin/statements", UriKind.Relative));
        Assert.Equal("/admin/account?required=two-factor", blocked.Headers.Location!.OriginalString);
        using var account = await editor.GetAsync(new Uri("/admin/account", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task Times_are_typed_and_shown_in_the_sites_time_zone_and_the_audit_log_speaks_plainly()
    {
        var admin = await app.CreateClientAsAsync(Roles.Administrator);
        using var saved = await PostSettingsAsync(admin, BayanApp.DefaultPassword, requireTwoFactor: false, timeZone: "Asia/Tehran");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var refused = await PostSettingsAsync(admin, BayanApp.DefaultPassword, requireTwoFactor: false, timeZone: "Mars/Olympus_Mons");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        var day = TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)new HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri("/admin/statements/new", UriKind.Relative))).QuerySelector("form.editor")!;
        var values = BayanApp.FormValues(form).Where(v => !v.Key.StartsWith("Input.Translations[0]", StringComparison.Ordinal) && v.Key is not ("Input.NewOrganization" or "ScheduleAt")).ToList();
        values.AddRange([
            new("Input.Translations[0].Language", "en"),
            new("Input.Translations[0].Title", "Statement for the new year"),
            new("Input.Translations[0].Body", "Text."),
            new("Input.NewOrganization", "Harbor Watch"),
            new("ScheduleAt", $"{day}T09:00"),
        ]);
        using var scheduled = await admin.PostAsync(new Uri("/admin/statements/new?handler=schedule", UriKind.Relative), new FormUrlEncodedContent(values));
        Assert.True(scheduled.StatusCode == HttpStatusCode.Redirect, await scheduled.Content.ReadAsStringAsync());

        var after = await admin.GetStringAsync(new Uri(scheduled.Headers.Location!.OriginalString, UriKind.Relative));
        Assert.Null(new HtmlParser().ParseDocument(after).QuerySelector(".form-error")?.TextContent);
        var (scope, db) = app.Db();
        await using (scope)
        {
            var statement = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Statements);
            Assert.Equal(Bayan.Core.Statements.StatementStatus.Scheduled, statement.Status);
            // Tehran is UTC+3:30 all year (no daylight saving since 2022).
            Assert.Equal(new TimeSpan(5, 30, 0), statement.PublishedAt!.Value.TimeOfDay);
        }

        var editor = new HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri(scheduled.Headers.Location!.OriginalString, UriKind.Relative)));
        Assert.Contains("09:00", editor.QuerySelector(".editor-status")!.TextContent);

        var audit = new HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri("/admin/audit", UriKind.Relative)));
        Assert.Contains("Settings changed", audit.QuerySelector("tbody")!.TextContent);
        Assert.DoesNotContain("settings-changed", audit.QuerySelector("tbody")!.TextContent);
    }

    [Fact]
    public async Task Administrators_choose_the_published_languages_the_default_one_and_the_page_size()
    {
        await using var site = await BayanApp.StartAsync(demo: true, "--Bayan:CacheSeconds=0");
        var admin = await site.CreateClientAsAsync(Roles.Administrator);
        using var noDefault = await PostSettingsAsync(admin, BayanApp.DefaultPassword, requireTwoFactor: false, published: ["en", "fa"], defaultLanguage: "ar");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noDefault.StatusCode);

        using var saved = await PostSettingsAsync(admin, BayanApp.DefaultPassword, requireTwoFactor: false, published: ["en", "fa"], defaultLanguage: "fa", pageSize: "3");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await site.GetHtmlAsync("/ar/", 404);
        using var home = await site.CreateClient("de").GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/fa/", home.Headers.Location!.PathAndQuery(site));
        var listing = await site.GetHtmlAsync("/en/statements");
        Assert.Equal(3, listing.QuerySelectorAll("article.entry").Length);
        Assert.Null(listing.QuerySelector("link[hreflang=ar]"));

        using var back = await PostSettingsAsync(admin, BayanApp.DefaultPassword, requireTwoFactor: false, pageSize: "");
        await site.GetHtmlAsync("/ar/");
        Assert.Equal(10, (await site.GetHtmlAsync("/en/statements")).QuerySelectorAll("article.entry").Length);
    }

    private static async Task<HttpResponseMessage> PostSettingsAsync(
        HttpClient client, string password, bool requireTwoFactor, string timeZone = "UTC", string[]? published = null, string defaultLanguage = "en", string pageSize = "")
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/admin/settings", UriKind.Relative)));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent("Harbor Watch"), "Names[en]" },
            { new StringContent("دیده‌بان بندر"), "Names[fa]" },
            { new StringContent("Statements from the harbor"), "Taglines[en]" },
            { new StringContent(password), "CurrentPassword" },
            { new StringContent(timeZone), "TimeZone" },
            { new StringContent(defaultLanguage), "DefaultLanguage" },
            { new StringContent(pageSize), "PageSize" },
        };
        foreach (var language in published ?? ["en", "fa", "ar"])
        {
            content.Add(new StringContent(language), "Published");
        }

        if (requireTwoFactor)
        {
            content.Add(new StringContent("true"), "RequireTwoFactor");
        }

        using var bitmap = new SKBitmap(32, 32);
        bitmap.Erase(SKColors.Teal);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var file = new ByteArrayContent(png.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "logo", "logo.png");
        return await client.PostAsync(new Uri("/admin/settings", UriKind.Relative), content);
    }
}
