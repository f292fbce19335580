using System.Net;
using AngleSharp.Html.Parser;
using Bayan.Accounts;
using MimeKit;

namespace Bayan.Tests.Accounts;

/// <summary>"Forgotten password" by email, delivered into a pickup directory the test reads like a mailbox.</summary>
public sealed class PasswordResetTests : IAsyncLifetime
{
    private readonly string mailbox = Path.Combine(Path.GetTempPath(), "bayan-tests", "mail-" + Guid.NewGuid().ToString("N"));
    private BayanApp app = null!;

    public async Task InitializeAsync() => app = await BayanApp.StartAsync(
        demo: false,
        "--Bayan:Mail:From=Sepehr statements <no-reply@sepehr.example>",
        $"--Bayan:Mail:PickupDirectory={mailbox}",
        "--Bayan:PublicUrl=https://statements.sepehr.example");

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        if (Directory.Exists(mailbox))
        {
            Directory.Delete(mailbox, recursive: true);
        }
    }

    [Fact]
    public async Task A_member_gets_a_link_by_email_that_works_once_and_strangers_learn_nothing()
    {
        await app.CreateUserAsync("forgetful@example.org", Roles.Editor);

        var unknown = await AskAsync("nobody@example.org");
        var known = await AskAsync("forgetful@example.org");
        Assert.Equal(unknown, known);

        var message = await WaitForMessageAsync();
        Assert.Equal("forgetful@example.org", message.To.Mailboxes.Single().Address);
        var link = message.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("https://", StringComparison.Ordinal));
        Assert.StartsWith("https://statements.sepehr.example/admin/reset-password?", link, StringComparison.Ordinal);
        var path = new Uri(link).PathAndQuery;

        var client = app.CreateBrowserClient();
        using var weak = await BayanApp.PostFormAsync(client, path, new() { ["NewPassword"] = "password1234" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        using var saved = await BayanApp.PostFormAsync(client, path, new() { ["NewPassword"] = "a kettle sings at dawn" });
        Assert.Equal("/admin/sign-in", saved.Headers.Location!.OriginalString);

        var (_, oldPassword) = await app.SignInAsync("forgetful@example.org", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        var (_, newPassword) = await app.SignInAsync("forgetful@example.org", "a kettle sings at dawn");
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);

        using var again = await BayanApp.PostFormAsync(app.CreateBrowserClient(), path, new() { ["NewPassword"] = "someone else's choice now" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("does not work any more", await again.Content.ReadAsStringAsync());

        await Task.Delay(300);
        Assert.Single(Directory.GetFiles(mailbox, "*.eml"));
    }

    [Fact]
    public async Task A_site_without_mail_tells_people_to_ask_an_administrator()
    {
        await using var quiet = await BayanApp.StartAsync(demo: false);
        var page = await quiet.GetHtmlAsync("/admin/forgot-password");
        Assert.Null(page.QuerySelector("form[method=post]"));
        Assert.Contains("Ask an administrator", page.QuerySelector("main")!.TextContent);
    }

    private async Task<string> AskAsync(string email)
    {
        using var response = await BayanApp.PostFormAsync(app.CreateBrowserClient(), "/admin/forgot-password", new() { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[role=status]")!.TextContent;
    }

    private async Task<MimeMessage> WaitForMessageAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            var files = Directory.Exists(mailbox) ? Directory.GetFiles(mailbox, "*.eml") : [];
            if (files.Length > 0)
            {
                return await MimeMessage.LoadAsync(files[0]);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no message arrived in the pickup directory");
    }
}
