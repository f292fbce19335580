namespace Bayan.Tests.Site;

public sealed class EmptySiteTests : IAsyncLifetime
{
    private static readonly string Logo = Path.Combine(Path.GetTempPath(), $"bayan-logo-{Guid.NewGuid():N}.svg");

    private BayanApp app = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Logo, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><rect width=\"8\" height=\"8\"/></svg>");
        app = await BayanApp.StartAsync(
            demo: false,
            $"--Bayan:Site:Logo={Logo}",
            "--Bayan:Site:Names:en=Harbor Rights Watch",
            "--Bayan:Site:Names:fa=دیده‌بان حقوق بندر",
            "--Bayan:Site:Taglines:en=Statements and letters",
            "--Bayan:PageSize=5");
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        File.Delete(Logo);
    }

    [Fact]
    public async Task A_new_site_takes_its_identity_from_configuration_and_shows_a_friendly_empty_state()
    {
        var english = await app.GetHtmlAsync("/en/");
        var persian = await app.GetHtmlAsync("/fa/");

        Assert.Equal("Harbor Rights Watch", english.QuerySelector(".brand-name")!.TextContent);
        Assert.Equal("Statements and letters", english.QuerySelector(".brand-tagline")!.TextContent);
        Assert.Equal("دیده‌بان حقوق بندر", persian.QuerySelector(".brand-name")!.TextContent);
        Assert.NotNull(english.QuerySelector(".empty-state"));
        Assert.Empty(english.QuerySelectorAll("article.entry"));
        // Nothing is published in any language, so no other language is offered.
        Assert.Empty(english.QuerySelectorAll(".empty-state a[hreflang]"));
        Assert.Contains("Nothing has been published yet.", english.QuerySelector(".empty-state")!.TextContent);
    }

    [Fact]
    public async Task The_configured_logo_is_shown_and_served()
    {
        var page = await app.GetHtmlAsync("/fa/");

        Assert.Equal("/site-logo", page.QuerySelector(".brand-logo")!.GetAttribute("src"));
        using var logo = await app.Client.GetAsync(new Uri("/site-logo", UriKind.Relative));
        Assert.Equal("image/svg+xml", logo.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Health_is_ok_on_an_empty_database()
    {
        using var response = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
