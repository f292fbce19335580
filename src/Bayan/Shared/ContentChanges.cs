using Bayan.Search;
using Microsoft.AspNetCore.OutputCaching;

namespace Bayan.Shared;

/// <summary>
/// Readers see a change at once, not when a cache expires: everything that changes what the public site shows says so
/// here after its transaction commits, and the cached pages, the lists every page needs and what search knows about
/// statements follow. (Before the commit would be too early: a page or a search in between would read and keep the old state.)
/// Public pages read the primary database for a few seconds after (PublicReads), should a read replica lag.
/// </summary>
public sealed class ContentChanges(
    IOutputCacheStore pages,
    Catalog catalog,
    SearchFacts search,
    Statements.ListingCache listings,
    Cluster.ChangeBroadcast others,
    Data.PublicReads reads,
    ILogger<ContentChanges> log)
{
    /// <summary>The output cache tag of every public page.</summary>
    public const string PagesTag = "content";

    // Neither takes a cancellation token: the change is committed, and an editor closing the page must not leave
    // readers with the old state.

    /// <summary>One statement changed: published, corrected, withdrawn, its details or attachments edited.</summary>
    public async Task StatementSavedAsync(int statementId)
    {
        reads.NoteChange();
        listings.Clear();
        try
        {
            await UpdateSearchAsync(statementId);
        }
        finally
        {
            await pages.EvictByTagAsync(PagesTag, CancellationToken.None);
            await others.StatementSavedAsync(statementId);
        }
    }

    /// <summary>The site's lists or settings changed (types, series, organizations, tags, languages, time zone…).</summary>
    public async Task SiteSavedAsync()
    {
        reads.NoteChange();
        catalog.Invalidate();
        listings.Clear();
        search.Invalidate();
        await pages.EvictByTagAsync(PagesTag, CancellationToken.None);
        await others.SiteSavedAsync();
    }

    /// <summary>
    /// Another instance changed a statement: what this one keeps follows. The shared page cache is emptied again, since
    /// this instance may have cached a page from what it knew before it heard.
    /// </summary>
    public async Task StatementChangedElsewhereAsync(int statementId)
    {
        reads.NoteChange();
        listings.Clear();
        try
        {
            await UpdateSearchAsync(statementId);
        }
        finally
        {
            await pages.EvictByTagAsync(PagesTag, CancellationToken.None);
        }
    }

    /// <summary>Another instance changed the site's lists or settings: read again, languages included.</summary>
    public async Task SiteChangedElsewhereAsync()
    {
        reads.NoteChange();
        catalog.Invalidate();
        listings.Clear();
        search.Invalidate();
        try
        {
            await catalog.GetAsync();
        }
        finally
        {
            await pages.EvictByTagAsync(PagesTag, CancellationToken.None);
        }
    }

    /// <summary>
    /// Search's facts follow the statement; if the database cannot be read just now (it went down after the commit),
    /// they are read again whole at the next search instead. The change itself is committed: whoever made it must not
    /// be told it failed.
    /// </summary>
    private async Task UpdateSearchAsync(int statementId)
    {
        try
        {
            await search.UpdateAsync(statementId);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            log.LogWarning(exception, "Search's facts could not follow statement {Id}; they are read again at the next search", statementId);
            search.Invalidate();
        }
    }
}
