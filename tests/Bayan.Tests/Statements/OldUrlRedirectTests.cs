using System.Net;
using Bayan.Core.Statements;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Tests.Statements;

[Collection(DemoSiteDefinition.Name)]
public class OldUrlRedirectTests(DemoSiteFixture site)
{
    [Fact]
    public async Task Old_paths_and_wordpress_query_urls_redirect_permanently_to_the_statement()
    {
        var (scope, db) = site.App.Db();
        await using var _ = scope;
        var translation = await db.Translations.Where(t => t.Language == "fa" && t.Statement.Status == StatementStatus.Published).OrderBy(t => t.Id).FirstAsync();
        db.Redirects.AddRange(
            new Redirect { Path = "/2019/04/old-flood-appeal/", StatementId = translation.StatementId, Language = "fa" },
            new Redirect { Path = "/?p=4242", StatementId = translation.StatementId, Language = "fa" });
        await db.SaveChangesAsync();
        var canonical = $"/fa/statements/{translation.StatementId}/{Uri.EscapeDataString(translation.Slug)}";

        foreach (var old in new[] { "/2019/04/old-flood-appeal/", "/?p=4242" })
        {
            using var response = await site.App.Client.GetAsync(new Uri(old, UriKind.Relative));
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(canonical, response.Headers.Location!.OriginalString);
        }

        using var unknown = await site.App.Client.GetAsync(new Uri("/2019/04/never-existed/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
