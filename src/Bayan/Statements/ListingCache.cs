using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Bayan.Statements;

/// <summary>
/// What the listings learn and can use again until the content changes: where each page of a listing begins, so page 700
/// is a seek on the index rather than 6,990 rows skipped (readers, crawlers and the static mirror walk pages in turn), and
/// the years that have statements, which every listing page offers. Everything is dropped on each change this process
/// makes (<see cref="Shared.ContentChanges"/>) and kept at most a minute otherwise, as the page cache is, since another process
/// may change the database.
/// </summary>
public sealed class ListingCache(IMemoryCache cache) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private CancellationTokenSource generation = new();

    /// <summary>The last statement before a page of a listing (the page begins after it), when known.</summary>
    public (DateTime PublishedAt, int Id)? PageStart(string lang, ArchiveFilter filter) =>
        cache.TryGetValue(StartKey(lang, filter), out (DateTime, int) start) ? start : null;

    public void RememberPageStart(string lang, ArchiveFilter filter, DateTime publishedAt, int id) =>
        Set(StartKey(lang, filter), (publishedAt, id));

    public async Task<IReadOnlyList<int>> YearsAsync(string lang, TimeZoneInfo zone, Func<Task<IReadOnlyList<int>>> read)
    {
        var key = $"listing-years:{lang}:{zone.Id}";
        if (cache.TryGetValue(key, out IReadOnlyList<int>? years))
        {
            return years!;
        }

        years = await read();
        Set(key, years);
        return years;
    }

    /// <summary>The content changed: nothing learned before stays.</summary>
    public void Clear()
    {
        var old = Interlocked.Exchange(ref generation, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    public void Dispose() => generation.Dispose();

    private void Set<T>(string key, T value)
    {
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.AbsoluteExpirationRelativeToNow = Lifetime;
        entry.AddExpirationToken(new CancellationChangeToken(generation.Token));
    }

    private static string StartKey(string lang, ArchiveFilter filter) =>
        $"listing-start:{lang}:{filter.Type}:{filter.Series}:{filter.Org}:{filter.Tag}:{filter.Year}:{filter.Page}";
}
