using System.Net;

namespace Bayan.Tests.Site;

[Collection(DemoSiteDefinition.Name)]
public class BadInputTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    [Theory]
    [InlineData("/xx/", 404)]
    [InlineData("/EN/", 404)]
    [InlineData("/en/statements/abc", 404)]
    [InlineData("/en/statements/99999999999999999999", 404)]
    [InlineData("/en/statements/-4/x", 404)]
    [InlineData("/en/statements/2147483647", 404)]
    [InlineData("/en/statements?page=-1", 400)]
    [InlineData("/en/statements?page=0", 400)]
    [InlineData("/en/statements?page=abc", 400)]
    [InlineData("/en/statements?page=99999999999999999999", 400)]
    [InlineData("/en/statements?page=100000", 404)]
    [InlineData("/en/statements?type=nonsense", 404)]
    [InlineData("/en/statements?org=%3Cscript%3E", 404)]
    [InlineData("/en/statements?type=statement&type=announcement", 400)]
    [InlineData("/en/statements?year=abc", 400)]
    [InlineData("/en/statements?year=99999", 400)]
    [InlineData("/fa/statements?year=9999", 200)]
    [InlineData("/en/statements?year=1", 200)]
    [InlineData("/en/years/1", 200)]
    [InlineData("/fa/years/1", 200)]
    [InlineData("/en/organizations/nobody", 404)]
    [InlineData("/en/years/notayear", 404)]
    [InlineData("/en/statements/%E0%A4%A", 404)]
    [InlineData("/en/statements?tag=%E0%A4%A", 404)]
    [InlineData("/en/%ZZ", 404)]
    [InlineData("/attachments/999999/file.pdf", 404)]
    [InlineData("/logos/nobody", 404)]
    public async Task Bad_requests_get_a_4xx_page_never_a_500(string url, int expected)
    {
        using var response = await App.Client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected != 200)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("class=\"error-page\"", body);
        }
    }

    [Fact]
    public async Task Public_pages_answer_posts_with_405()
    {
        using var response = await App.Client.PostAsync(new Uri("/en/", UriKind.Relative), new StringContent("x"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Overlong_query_strings_get_414()
    {
        using var response = await App.Client.GetAsync(new Uri("/en/statements?tag=" + new string('a', 5000), UriKind.Relative));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Contains("class=\"error-page\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_text_never_reaches_a_page_unencoded()
    {
        const string probe = "<script>alert(1)</script>";
        foreach (var url in new[] { "/en/" + Uri.EscapeDataString(probe), "/en/statements?page=2&x=" + Uri.EscapeDataString(probe), "/en/statements/1/" + Uri.EscapeDataString(probe) })
        {
            using var response = await App.Client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.DoesNotContain(probe, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Error_pages_speak_the_language_of_the_address()
    {
        var persian = await App.GetHtmlAsync("/fa/no-such-page", 404);
        var arabic = await App.GetHtmlAsync("/ar/statements?page=0", 400);

        Assert.Equal("fa", persian.DocumentElement.GetAttribute("lang"));
        Assert.Equal("صفحه پیدا نشد", persian.QuerySelector("h1")!.TextContent);
        Assert.Equal("ar", arabic.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", arabic.DocumentElement.GetAttribute("dir"));
    }
}
