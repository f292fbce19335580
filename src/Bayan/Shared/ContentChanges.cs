using Bayan.Search;
using Microsoft.AspNetCore.OutputCaching;

namespace Bayan.Shared;

/// <summary>
/// Readers see a change at once, not when a cache expires: everything that changes what the public site shows says so
/// here after its transaction commits, and the cached pages, the lists every page needs and what search knows about
/// statements follow. (Before the commit would be too early: a page or a search in between would read and keep the old state.)
/// </summary>
public sealed class ContentChanges(IOutputCacheStore pages, Catalog catalog, SearchFacts search, Statements.ListingCache listings)
{
    /// <summary>The output cache tag of every public page.</summary>
    public const string PagesTag = "content";

    // Neither takes a cancellation token: the change is committed, and an editor closing the page must not leave
    // readers with the old state.

    /// <summary>One statement changed: published, corrected, withdrawn, its details or attachments edited.</summary>
    public async Task StatementSavedAsync(int statementId)
    {
        listings.Clear();
        try
        {
            await search.UpdateAsync(statementId);
        }
        finally
        {
            await pages.EvictByTagAsync(PagesTag, CancellationToken.None);
        }
    }

    /// <summary>The site's lists or settings changed (types, series, organizations, tags, languages, time zone…).</summary>
    public async Task SiteSavedAsync()
    {
        catalog.Invalidate();
        listings.Clear();
        search.Invalidate();
        await pages.EvictByTagAsync(PagesTag, CancellationToken.None);
    }
}
