using System.Net;
using AngleSharp.Html.Parser;
using Bayan.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Accounts;

public sealed class TeamTests : IAsyncLifetime
{
    private BayanApp app = null!;

    public async Task InitializeAsync() => app = await BayanApp.StartAsync(demo: false);

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_administrator_adds_a_member_and_changes_roles_confirming_with_their_password()
    {
        var admin = await app.CreateClientAsAsync(Roles.Administrator);

        using var refused = await BayanApp.PostFormAsync(admin, "/admin/users", new() { ["email"] = "new@example.org", ["role"] = Roles.Editor, ["currentPassword"] = "wrong" }, "form[action*='handler=add']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        Assert.Equal("new@example.org", new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector("#add-email")!.GetAttribute("value"));
        using var added = await BayanApp.PostFormAsync(admin, "/admin/users", new() { ["email"] = "new@example.org", ["name"] = "Reza", ["role"] = Roles.Translator, ["currentPassword"] = BayanApp.DefaultPassword }, "form[action*='handler=add']");
        Assert.Equal("/admin/users", added.Headers.Location!.OriginalString);
        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative)));
        var password = page.QuerySelector("#new-member-password")!.GetAttribute("value")!;
        var (_, signIn) = await app.SignInAsync("new@example.org", password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var id = (await Users().FindByEmailAsync("new@example.org"))!.Id;
        using var promoted = await BayanApp.PostFormAsync(admin, "/admin/users", new() { ["role"] = Roles.Editor, ["currentPassword"] = BayanApp.DefaultPassword }, $"form[action='/admin/users?handler=role&userId={id}']");
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        Assert.Equal([Roles.Editor], await Users().GetRolesAsync((await Users().FindByIdAsync(id))!));
    }

    [Fact]
    public async Task The_last_administrator_cannot_give_up_the_role_and_others_cannot_see_the_team()
    {
        var admin = await app.CreateClientAsAsync(Roles.Administrator);
        var me = (await Users().GetUsersInRoleAsync(Roles.Administrator)).Single();

        using var refused = await BayanApp.PostFormAsync(admin, "/admin/users", new() { ["role"] = Roles.Author, ["currentPassword"] = BayanApp.DefaultPassword }, $"form[action='/admin/users?handler=role&userId={me.Id}']");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("at least one administrator", await refused.Content.ReadAsStringAsync());
        var editor = await app.CreateClientAsAsync(Roles.Editor);
        using var denied = await editor.GetAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.StartsWith("/admin/denied", denied.Headers.Location!.PathAndQuery(app));
    }

    [Fact]
    public async Task A_member_given_a_generated_password_must_choose_their_own_before_anything_else()
    {
        var admin = await app.CreateClientAsAsync(Roles.Administrator);
        await BayanApp.PostFormAsync(admin, "/admin/users", new() { ["email"] = "first-day@example.org", ["role"] = Roles.Author, ["currentPassword"] = BayanApp.DefaultPassword }, "form[action*='handler=add']");
        var generated = new HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative))).QuerySelector("#new-member-password")!.GetAttribute("value")!;

        var (member, _) = await app.SignInAsync("first-day@example.org", generated);
        var (otherBrowser, _) = await app.SignInAsync("first-day@example.org", generated);
        using var blocked = await member.GetAsync(new Uri("/admin/statements/new", UriKind.Relative));
        Assert.Equal("/admin/account?required=password", blocked.Headers.Location!.PathAndQuery(app));

        using var same = await BayanApp.PostFormAsync(member, "/admin/account", new() { ["CurrentPassword"] = generated, ["NewPassword"] = generated }, "form[action*='handler=password']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.StatusCode);
        using var changed = await BayanApp.PostFormAsync(member, "/admin/account", new() { ["CurrentPassword"] = generated, ["NewPassword"] = "my own lantern by the river" }, "form[action*='handler=password']");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var open = await member.GetAsync(new Uri("/admin/statements/new", UriKind.Relative));
        Assert.True(open.StatusCode == HttpStatusCode.OK, open.Headers.Location?.ToString());
        // The new password ends the other browser's session at once; this one carries on.
        using var other = await otherBrowser.GetAsync(new Uri("/admin/account", UriKind.Relative));
        Assert.StartsWith("/admin/sign-in", other.Headers.Location!.PathAndQuery(app));
    }

    [Fact]
    public async Task An_administrator_gives_a_new_password_disables_enables_and_removes_a_member()
    {
        var admin = await app.CreateClientAsAsync(Roles.Administrator);
        var member = await app.CreateUserAsync("leaving@example.org", Roles.Editor);
        var (session, _) = await app.SignInAsync("leaving@example.org", BayanApp.DefaultPassword);

        using var wrongPassword = await PostManageAsync(admin, member.Id, "disable", "not my password");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongPassword.StatusCode);

        using var reset = await PostManageAsync(admin, member.Id, "resetpassword", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var generated = new HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative))).QuerySelector("#new-member-password")!.GetAttribute("value")!;
        var (_, oldRefused) = await app.SignInAsync("leaving@example.org", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.OK, oldRefused.StatusCode);
        var (_, newAccepted) = await app.SignInAsync("leaving@example.org", generated);
        Assert.Equal(HttpStatusCode.Redirect, newAccepted.StatusCode);

        using var disabled = await PostManageAsync(admin, member.Id, "disable", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        using var sessionEnded = await session.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.StartsWith("/admin/sign-in", sessionEnded.Headers.Location!.PathAndQuery(app));
        var (_, refusedWhileDisabled) = await app.SignInAsync("leaving@example.org", generated);
        Assert.Equal(HttpStatusCode.OK, refusedWhileDisabled.StatusCode);
        Assert.Contains("The email or password is not right.", await refusedWhileDisabled.Content.ReadAsStringAsync());

        using var enabled = await PostManageAsync(admin, member.Id, "enable", BayanApp.DefaultPassword);
        var (_, signedInAgain) = await app.SignInAsync("leaving@example.org", generated);
        Assert.Equal(HttpStatusCode.Redirect, signedInAgain.StatusCode);

        using var removed = await PostManageAsync(admin, member.Id, "remove", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await Users().FindByEmailAsync("leaving@example.org"));

        var me = (await Users().GetUsersInRoleAsync(Roles.Administrator)).Single();
        using var notMyself = await PostManageAsync(admin, me.Id, "disable", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notMyself.StatusCode);
        Assert.Null((await Users().FindByIdAsync(me.Id))!.DisabledAt);
    }

    [Fact]
    public async Task Administrators_cannot_lock_themselves_out_and_disabled_administrators_do_not_count()
    {
        var admin = await app.CreateClientAsAsync(Roles.Administrator);
        var me = (await Users().GetUsersInRoleAsync(Roles.Administrator)).Single();
        using var ownPassword = await PostManageAsync(admin, me.Id, "resetpassword", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ownPassword.StatusCode);

        var other = await app.CreateUserAsync("second-admin@example.org", Roles.Administrator);
        using var disabled = await PostManageAsync(admin, other.Id, "disable", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        using var demoteMyself = await BayanApp.PostFormAsync(admin, "/admin/users", new() { ["role"] = Roles.Editor, ["currentPassword"] = BayanApp.DefaultPassword }, $"form[action='/admin/users?handler=role&userId={me.Id}']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, demoteMyself.StatusCode);
        Assert.Contains(Roles.Administrator, await Users().GetRolesAsync((await Users().FindByIdAsync(me.Id))!));

        // Unlocking does not undo a disabling.
        using var unlock = await admin.PostAsync(new Uri($"/admin/users?handler=unlock&userId={other.Id}", UriKind.Relative), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", new HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.NotNull((await Users().FindByIdAsync(other.Id))!.DisabledAt);
        var (_, signIn) = await app.SignInAsync("second-admin@example.org", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    /// <summary>Posts a member's "Manage" form as its button for <paramref name="handler"/> does.</summary>
    private static async Task<HttpResponseMessage> PostManageAsync(HttpClient admin, string userId, string handler, string currentPassword)
    {
        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative)));
        // (Your own row has no such form: the token is taken from another.)
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        List<KeyValuePair<string, string>> values = [new("__RequestVerificationToken", token), new("currentPassword", currentPassword)];
        // Posted even where the page shows no such button (your own account): the server must refuse by itself.
        return await admin.PostAsync(new Uri($"/admin/users?handler={handler}&userId={userId}", UriKind.Relative), new FormUrlEncodedContent(values));
    }

    private UserManager<BayanUser> Users() => app.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<BayanUser>>();
}
