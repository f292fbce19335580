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

    private static async Task<HttpResponseMessage> PostSettingsAsync(HttpClient client, string password, bool requireTwoFactor)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/admin/settings", UriKind.Relative)));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent("Harbor Watch"), "Names[en]" },
            { new StringContent("دیده‌بان بندر"), "Names[fa]" },
            { new StringContent("Statements from the harbor"), "Taglines[en]" },
            { new StringContent(password), "CurrentPassword" },
        };
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
