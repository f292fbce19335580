using System.Net;
using AngleSharp.Html.Parser;
using Bayan.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Tests.Publishing;

[Collection(DemoSiteDefinition.Name)]
public class HistoryTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    [Fact]
    public async Task Every_save_is_a_version_two_compare_word_by_word_and_an_old_one_comes_back_as_the_newest()
    {
        var author = await App.CreateClientAsAsync(Roles.Author);
        using var created = await BayanApp.PostFormAsync(author, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = $"Well repairs {Guid.NewGuid():N}"[..30],
            ["Input.Translations[0].Body"] = "Nine wells were repaired in Kalat camp.",
        }, "form.editor");
        var url = created.Headers.Location!.OriginalString;
        using var second = await BayanApp.PostFormAsync(author, url, new() { ["Input.Translations[0].Body"] = "Eleven wells were repaired in Kalat camp." }, "form.editor");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var history = new HtmlParser().ParseDocument(await author.GetStringAsync(new Uri(url + "/history/en", UriKind.Relative)));
        Assert.Equal(2, history.QuerySelectorAll(".admin-table tbody tr").Length);
        Assert.Contains(history.QuerySelectorAll(".diff del"), d => d.TextContent == "Nine");
        Assert.Contains(history.QuerySelectorAll(".diff ins"), i => i.TextContent == "Eleven");

        using var restored = await BayanApp.PostFormAsync(author, url + "/history/en", [], "form[action*='handler=restore']");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);

        var id = int.Parse(url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var (scope, db) = App.Db();
        await using var _ = scope;
        var versions = await db.Revisions.Where(r => r.Translation.StatementId == id).OrderBy(r => r.Version).Select(r => r.BodySource).ToListAsync();
        Assert.Equal(["Nine wells were repaired in Kalat camp.", "Eleven wells were repaired in Kalat camp.", "Nine wells were repaired in Kalat camp."], versions);
    }

    [Fact]
    public async Task Unknown_statements_languages_and_versions_are_404()
    {
        var editor = await App.CreateClientAsAsync(Roles.Editor);

        foreach (var url in new[] { "/admin/statements/999999/history/en", "/admin/statements/1/history/xx", "/admin/statements/1/history/en?from=999" })
        {
            using var response = await editor.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
