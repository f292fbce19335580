using Bayan.Core.Languages;
using Bayan.Shared;
using Bayan.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Statements;

/// <summary>Later listing pages seek from where the page before ended; nothing learned before a change outlives it.</summary>
public sealed class ListingCacheTests
{
    [Fact]
    public async Task After_a_change_the_next_page_shows_what_skipping_rows_would()
    {
        await using var app = await BayanApp.StartAsync();
        var catalog = await app.Services.GetRequiredService<Catalog>().GetAsync();
        var second = ArchiveFilter.None with { Page = 2 };
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Page 1 read: where page 2 begins is now known.
            await scope.ServiceProvider.GetRequiredService<ArchiveQuery>().ListAsync(SiteLanguage.English, ArchiveFilter.None, catalog, 5, default);
        }

        Assert.NotNull(app.Services.GetRequiredService<ListingCache>().Start("en", second));

        // The oldest English statement is moved to the top, as a correction of its date would, and the site is told.
        int moved;
        var (dbScope, db) = app.Db();
        await using (dbScope)
        {
            var oldest = await db.Statements.Where(s => s.Status == Bayan.Core.Statements.StatementStatus.Published && s.Translations.Any(t => t.Language == "en" && t.IsPublished))
                .OrderBy(s => s.PublishedAt).FirstAsync();
            oldest.PublishedAt = TimeProvider.System.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
            moved = oldest.Id;
        }

        await app.Services.GetRequiredService<ContentChanges>().StatementSavedAsync(moved);
        Assert.Null(app.Services.GetRequiredService<ListingCache>().Start("en", second));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var query = scope.ServiceProvider.GetRequiredService<ArchiveQuery>();
            var first = await query.ListAsync(SiteLanguage.English, ArchiveFilter.None, catalog, 5, default);
            Assert.Equal(moved, first.Items[0].Id);
            var walked = await query.ListAsync(SiteLanguage.English, second, catalog, 5, default);
            var fresh = new ArchiveQuery(scope.ServiceProvider.GetRequiredService<Bayan.Data.BayanDb>(), NewCache());
            var skipped = await fresh.ListAsync(SiteLanguage.English, second, catalog, 5, default);
            Assert.Equal(skipped.Items.Select(i => i.Id), walked.Items.Select(i => i.Id));
        }
    }

    [Fact]
    public void What_was_learned_before_a_change_is_not_kept_after_it()
    {
        var listings = NewCache();
        var before = listings.Generation;
        listings.Clear();
        listings.RememberStart("en", ArchiveFilter.None with { Page = 2 }, DateTime.UnixEpoch, 7, null, before);
        Assert.Null(listings.Start("en", ArchiveFilter.None with { Page = 2 }));

        listings.RememberStart("en", ArchiveFilter.None with { Page = 2 }, DateTime.UnixEpoch, 7, null, listings.Generation);
        Assert.Equal(7, listings.Start("en", ArchiveFilter.None with { Page = 2 })?.Id);
    }

    [Fact]
    public void A_start_found_by_seeking_expires_with_the_start_it_was_found_from()
    {
        var listings = NewCache();
        listings.RememberStart("en", ArchiveFilter.None with { Page = 2 }, DateTime.UnixEpoch, 7, null, listings.Generation);
        var page2 = listings.Start("en", ArchiveFilter.None with { Page = 2 })!;
        listings.RememberStart("en", ArchiveFilter.None with { Page = 3 }, DateTime.UnixEpoch, 3, page2.Expires, listings.Generation);
        Assert.Equal(page2.Expires, listings.Start("en", ArchiveFilter.None with { Page = 3 })!.Expires);
        Assert.InRange(page2.Expires - TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
    }

    private static ListingCache NewCache() => new(new MemoryCache(new MemoryCacheOptions()), TimeProvider.System);
}
