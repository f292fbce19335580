using System.Net;
using Bayan.Accounts;
using Bayan.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Accounts;

public sealed class FirstAdministratorTests : IAsyncLifetime
{
    private BayanApp app = null!;

    public async Task InitializeAsync() => app = await BayanApp.StartAsync(demo: false, "--Bayan:SignInAttemptsPerMinute=50");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Only_the_console_link_creates_the_first_administrator_and_only_once()
    {
        string? token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            token = await app.Services.GetRequiredService<FirstAdministratorSetup>().PrepareAsync(scope.ServiceProvider.GetRequiredService<BayanDb>());
        }

        Assert.NotNull(token);
        using var stranger = await app.Client.GetAsync(new Uri("/admin/setup?token=guess", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);

        using var client = app.CreateBrowserClient();
        var fields = new Dictionary<string, string> { ["DisplayName"] = "Maryam", ["Email"] = "maryam@example.org", ["Password"] = "password1234" };
        using var weak = await BayanApp.PostFormAsync(client, $"/admin/setup?token={token}", fields);
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("too easy to guess", await weak.Content.ReadAsStringAsync());

        fields["Password"] = "tulip lantern orbit 1987";
        using var created = await BayanApp.PostFormAsync(client, $"/admin/setup?token={token}", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var dashboard = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        using var again = await app.CreateBrowserClient().GetAsync(new Uri($"/admin/setup?token={token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 55; i++)
        {
            var (_, response) = await app.SignInAsync("someone@example.org", "not the password, attempt " + i);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
    }
}
