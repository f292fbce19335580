using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Bayan.Statements;

/// <summary>Where a page of a listing begins: after this statement. Known until <see cref="Expires"/>.</summary>
public sealed record PageStart(DateTime PublishedAt, int Id, DateTimeOffset Expires);

/// <summary>
/// What the listings learn and can use again until the content changes: where each page of a listing begins, so page 700
/// is a seek on the index rather than 6,990 rows skipped (readers, crawlers and the static mirror walk pages in turn), and
/// the years that have statements, which every listing page offers.
/// <para>
/// Everything is dropped on each change this process makes (<see cref="Shared.ContentChanges"/>). A change made by
/// another process is seen within a minute, as with the page cache: a page start found by seeking from another keeps
/// that one's expiry, so a walk through the pages never carries what it learned past the minute after its first page.
/// What a request learns from reading the database before a change, and stores after it, is dropped with the change.
/// </para>
/// </summary>
public sealed class ListingCache(IMemoryCache cache, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private CancellationTokenSource generation = new();

    /// <summary>Taken before reading the database: what is remembered under it is dropped by any change since.</summary>
    public CancellationToken Generation => generation.Token;

    public PageStart? Start(string lang, ArchiveFilter filter) =>
        cache.TryGetValue(StartKey(lang, filter), out PageStart? start) ? start : null;

    /// <summary>Remembers where a page begins, until <paramref name="expires"/> (the first page's read plus a minute).</summary>
    public void RememberStart(string lang, ArchiveFilter filter, DateTime publishedAt, int id, DateTimeOffset? expires, CancellationToken learnedIn)
    {
        var until = expires ?? clock.GetUtcNow() + Lifetime;
        Set(StartKey(lang, filter), new PageStart(publishedAt, id, until), until, learnedIn);
    }

    public async Task<IReadOnlyList<int>> YearsAsync(string lang, TimeZoneInfo zone, Func<Task<IReadOnlyList<int>>> read)
    {
        var key = $"listing-years:{lang}:{zone.Id}";
        if (cache.TryGetValue(key, out IReadOnlyList<int>? years))
        {
            return years!;
        }

        var learnedIn = Generation;
        years = await read();
        Set(key, years, clock.GetUtcNow() + Lifetime, learnedIn);
        return years;
    }

    /// <summary>The content changed: nothing learned before stays.</summary>
    /// <remarks>The old source is cancelled, not disposed: a request may still be reading its token.</remarks>
    public void Clear() => Interlocked.Exchange(ref generation, new CancellationTokenSource()).Cancel();

    public void Dispose() => generation.Dispose();

    private void Set<T>(string key, T value, DateTimeOffset until, CancellationToken learnedIn)
    {
        if (learnedIn.IsCancellationRequested)
        {
            return;
        }

        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.AbsoluteExpiration = until;
        entry.AddExpirationToken(new CancellationChangeToken(learnedIn));
    }

    private static string StartKey(string lang, ArchiveFilter filter) =>
        $"listing-start:{lang}:{filter.Type}:{filter.Series}:{filter.Org}:{filter.Tag}:{filter.Year}:{filter.Page}";
}
