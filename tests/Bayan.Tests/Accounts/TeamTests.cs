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
        using var promoted = await BayanApp.PostFormAsync(admin, "/admin/users", new() { ["role"] = Roles.Editor, ["currentPassword"] = BayanApp.DefaultPassword }, $"form[action*='userId={id}']");
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        Assert.Equal([Roles.Editor], await Users().GetRolesAsync((await Users().FindByIdAsync(id))!));
    }

    [Fact]
    public async Task The_last_administrator_cannot_give_up_the_role_and_others_cannot_see_the_team()
    {
        var admin = await app.CreateClientAsAsync(Roles.Administrator);
        var me = (await Users().GetUsersInRoleAsync(Roles.Administrator)).Single();

        using var refused = await BayanApp.PostFormAsync(admin, "/admin/users", new() { ["role"] = Roles.Author, ["currentPassword"] = BayanApp.DefaultPassword }, $"form[action*='userId={me.Id}']");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("at least one administrator", await refused.Content.ReadAsStringAsync());
        var editor = await app.CreateClientAsAsync(Roles.Editor);
        using var denied = await editor.GetAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.StartsWith("/admin/denied", denied.Headers.Location!.PathAndQuery(app));
    }

    private UserManager<BayanUser> Users() => app.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<BayanUser>>();
}
