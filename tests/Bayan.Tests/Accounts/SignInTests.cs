using System.Net;
using Bayan.Accounts;
using Bayan.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Tests.Accounts;

[Collection(DemoSiteDefinition.Name)]
public class SignInTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    [Fact]
    public async Task A_team_member_signs_in_and_reaches_the_dashboard()
    {
        var client = await App.CreateClientAsAsync(Roles.Editor);

        using var dashboard = await client.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var html = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("Recently published", html);
        Assert.True(dashboard.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer()
    {
        var email = $"known-{Guid.NewGuid():N}@example.org";
        await App.CreateUserAsync(email, Roles.Author);

        var (_, wrongPassword) = await App.SignInAsync(email, "not the password at all");
        var (_, unknown) = await App.SignInAsync($"nobody-{Guid.NewGuid():N}@example.org", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(ErrorOf(await wrongPassword.Content.ReadAsStringAsync()), ErrorOf(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var email = $"target-{Guid.NewGuid():N}@example.org";
        await App.CreateUserAsync(email, Roles.Editor);

        for (var i = 0; i < 5; i++)
        {
            await App.SignInAsync(email, $"wrong guess number {i}");
        }

        var (_, right) = await App.SignInAsync(email, BayanApp.DefaultPassword);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var (scope, db) = App.Db();
        await using var _ = scope;
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.LockedOut && e.UserName == email));
        // The fifth failure is the one that locks; the right password after it is refused as locked too.
        Assert.Equal(4, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.SignInFailed && e.UserName == email));
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.LockedOut && e.UserName == email));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict_and_new_at_each_sign_in()
    {
        var email = $"cookie-{Guid.NewGuid():N}@example.org";
        await App.CreateUserAsync(email, Roles.Translator);

        var (_, first) = await App.SignInAsync(email, BayanApp.DefaultPassword);
        var (_, second) = await App.SignInAsync(email, BayanApp.DefaultPassword);

        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bayan-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var again = second.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bayan-session=", StringComparison.Ordinal));
        Assert.NotEqual(cookie.Split(';')[0], again.Split(';')[0]);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var client = App.CreateBrowserClient();

        using var response = await client.PostAsync(
            new Uri("/admin/sign-in", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@example.org", ["Password"] = "whatever whatever" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form could not be sent", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Return_urls_never_lead_off_the_back_office()
    {
        var email = $"redirect-{Guid.NewGuid():N}@example.org";
        await App.CreateUserAsync(email, Roles.Author);
        using var client = App.CreateBrowserClient();

        using var response = await BayanApp.PostFormAsync(client, "/admin/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            new() { ["Email"] = email, ["Password"] = BayanApp.DefaultPassword });

        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await App.CreateClientAsAsync(Roles.Author);

        using var signOut = await BayanApp.PostFormAsync(client, "/admin", [], "form.admin-session");
        using var after = await client.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/sign-in", after.Headers.Location!.PathAndQuery(App));
    }

    [Fact]
    public async Task A_copy_of_the_session_cookie_is_worthless_after_signing_out()
    {
        var email = $"copied-{Guid.NewGuid():N}@example.org";
        await App.CreateUserAsync(email, Roles.Editor);
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = App.BaseAddress };
        await BayanApp.PostFormAsync(client, "/admin/sign-in", new() { ["Email"] = email, ["Password"] = BayanApp.DefaultPassword });
        var copied = handler.CookieContainer.GetCookieHeader(App.BaseAddress);
        using var replay = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = App.BaseAddress };
        replay.DefaultRequestHeaders.Add("Cookie", copied);
        using var before = await replay.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var signOut = await BayanApp.PostFormAsync(client, "/admin", [], "form.admin-session");
        using var after = await replay.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/sign-in", after.Headers.Location!.PathAndQuery(App));
    }

    private static string? ErrorOf(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector(".form-error")?.TextContent.Trim();
}
