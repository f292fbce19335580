using System.Net;
using Bayan.Accounts;

namespace Bayan.Tests.Publishing;

[Collection(DemoSiteDefinition.Name)]
public class TaxonomyTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    [Fact]
    public async Task Editors_add_a_tag_with_names_per_language_and_readers_can_filter_by_it_at_once()
    {
        var editor = await App.CreateClientAsAsync(Roles.Editor);
        var slug = $"shelter-{Guid.NewGuid():N}"[..16];

        using var added = await BayanApp.PostFormAsync(editor, "/admin/taxonomy/tags", new()
        {
            ["Slug"] = slug,
            ["Names[en]"] = "Shelter",
            ["Names[fa]"] = "سرپناه",
        }, "form[aria-label='Add']");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var persian = await App.GetHtmlAsync($"/fa/tags/{slug}");
        Assert.Equal("موضوع: سرپناه", persian.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_name_in_the_default_language_is_required_and_slugs_are_unique()
    {
        var editor = await App.CreateClientAsAsync(Roles.Editor);

        using var nameless = await BayanApp.PostFormAsync(editor, "/admin/taxonomy/organizations", new() { ["Names[fa]"] = "سازمانی بی‌نام انگلیسی" }, "form[aria-label='Add']");
        using var taken = await BayanApp.PostFormAsync(editor, "/admin/taxonomy/organizations", new() { ["Slug"] = "sepehr", ["Names[en]"] = "Another Sepehr" }, "form[aria-label='Add']");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, nameless.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("already used", await taken.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Roles.Author)]
    [InlineData(Roles.Translator)]
    public async Task Authors_and_translators_cannot_change_the_lists(string role)
    {
        var client = await App.CreateClientAsAsync(role);

        using var response = await client.GetAsync(new Uri("/admin/taxonomy/tags", UriKind.Relative));

        Assert.StartsWith("/admin/denied", response.Headers.Location!.PathAndQuery(App));
    }
}
