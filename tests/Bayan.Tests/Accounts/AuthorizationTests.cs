using System.Net;
using Bayan.Accounts;

namespace Bayan.Tests.Accounts;

[Collection(DemoSiteDefinition.Name)]
public class AuthorizationTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/audit")]
    public async Task Strangers_are_sent_to_sign_in(string url)
    {
        using var response = await App.Client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location!.PathAndQuery(App));
    }

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Author)]
    [InlineData(Roles.Translator)]
    public async Task Only_administrators_read_the_audit_log(string role)
    {
        var client = await App.CreateClientAsAsync(role);

        using var response = await client.GetAsync(new Uri("/admin/audit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/denied", response.Headers.Location!.PathAndQuery(App));
    }

    [Fact]
    public async Task Administrators_read_and_filter_the_audit_log()
    {
        var client = await App.CreateClientAsAsync(Roles.Administrator);

        var page = await client.GetStringAsync(new Uri("/admin/audit?action=signed-in", UriKind.Relative));
        var rows = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelectorAll(".admin-table tbody tr");

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("Signed in", r.QuerySelectorAll("td")[2].TextContent));
    }

    [Fact]
    public async Task An_account_without_a_role_cannot_use_the_back_office()
    {
        var email = $"norole-{Guid.NewGuid():N}@example.org";
        await App.CreateUserAsync(email, role: null);
        var (client, _) = await App.SignInAsync(email, BayanApp.DefaultPassword);

        using var response = await client.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.StartsWith("/admin/denied", response.Headers.Location!.PathAndQuery(App));
    }
}
