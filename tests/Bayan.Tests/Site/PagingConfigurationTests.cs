namespace Bayan.Tests.Site;

public sealed class PagingConfigurationTests : IAsyncLifetime
{
    private BayanApp app = null!;

    public async Task InitializeAsync() => app = await BayanApp.StartAsync(demo: true, "--Bayan:PageSize=4", "--Bayan:CacheSeconds=0");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Page_size_is_configurable()
    {
        var page = await app.GetHtmlAsync("/en/statements?page=2");

        Assert.Equal(4, page.QuerySelectorAll("article.entry").Length);
    }

    [Fact]
    public async Task With_the_cache_off_pages_are_rendered_for_every_request()
    {
        using var first = await app.Client.GetAsync(new Uri("/en/", UriKind.Relative));
        using var second = await app.Client.GetAsync(new Uri("/en/", UriKind.Relative));

        Assert.False(second.Headers.Age.HasValue);
        Assert.Equal(System.Net.HttpStatusCode.OK, second.StatusCode);
    }
}
