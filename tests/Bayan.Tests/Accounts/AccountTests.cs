using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using Bayan.Accounts;

namespace Bayan.Tests.Accounts;

[Collection(DemoSiteDefinition.Name)]
public class AccountTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    [Fact]
    public async Task Two_factor_sign_in_is_set_up_with_an_app_code_and_then_required_at_sign_in()
    {
        var email = $"twofactor-{Guid.NewGuid():N}@example.org";
        await App.CreateUserAsync(email, Roles.Editor);
        var (client, _) = await App.SignInAsync(email, BayanApp.DefaultPassword);

        using var wrongPassword = await BayanApp.PostFormAsync(client, "/admin/account", new() { ["CurrentPassword"] = "not my password" }, "form[action*='starttwofactor']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongPassword.StatusCode);

        using var started = await BayanApp.PostFormAsync(client, "/admin/account", new() { ["CurrentPassword"] = BayanApp.DefaultPassword }, "form[action*='starttwofactor']");
        var setup = new HtmlParser().ParseDocument(await started.Content.ReadAsStringAsync());
        var key = setup.QuerySelector(".authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("img.qr-code")!.GetAttribute("src"));

        var confirmed = await PostAsync(client, "/admin/account?handler=confirmtwofactor", new() { ["Code"] = Totp(key) }, "/admin/account");
        var page = new HtmlParser().ParseDocument(await confirmed.Content.ReadAsStringAsync());
        var recoveryCodes = page.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        var (second, passwordOnly) = await App.SignInAsync(email, BayanApp.DefaultPassword);
        Assert.StartsWith("/admin/sign-in/two-factor", passwordOnly.Headers.Location!.OriginalString);
        using var notYet = await second.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);

        using var withRecovery = await BayanApp.PostFormAsync(second, "/admin/sign-in/two-factor", new() { ["RecoveryCode"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        using var inside = await second.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);

        var (third, _) = await App.SignInAsync(email, BayanApp.DefaultPassword);
        using var reused = await BayanApp.PostFormAsync(third, "/admin/sign-in/two-factor", new() { ["RecoveryCode"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("not right", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_signs_out_other_sessions()
    {
        var email = $"changer-{Guid.NewGuid():N}@example.org";
        await App.CreateUserAsync(email, Roles.Author);
        var (client, _) = await App.SignInAsync(email, BayanApp.DefaultPassword);

        using var refused = await BayanApp.PostFormAsync(client, "/admin/account", new() { ["CurrentPassword"] = "wrong", ["NewPassword"] = "amber falcon meadow tide" }, "form[action*='handler=password']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        using var changed = await BayanApp.PostFormAsync(client, "/admin/account", new() { ["CurrentPassword"] = BayanApp.DefaultPassword, ["NewPassword"] = "amber falcon meadow tide" }, "form[action*='handler=password']");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var (_, oldPassword) = await App.SignInAsync(email, BayanApp.DefaultPassword);
        var (_, newPassword) = await App.SignInAsync(email, "amber falcon meadow tide");
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string action, Dictionary<string, string> fields, string pageWithToken)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(pageWithToken, UriKind.Relative)));
        fields["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>The six-digit code an authenticator app shows now (RFC 6238: HMAC-SHA1, 30-second steps).</summary>
    private static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        var step = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator codes are defined over HMAC-SHA1; this computes what the app shows.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.ToUpperInvariant().TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}
