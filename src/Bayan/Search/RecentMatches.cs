using Bayan.Core.Search;
using Bayan.Shared;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Bayan.Search;

/// <summary>
/// The matches of recent queries, so that the next page, another filter or the other order of the same words costs no
/// trip to the index. Kept as long as a cached page (Bayan:CacheSeconds; 0 keeps none) and never across a change to
/// content or a new reading of the facts: entries belong to one <see cref="FactsSnapshot"/>. At most about 64 MB.
/// </summary>
public sealed class RecentMatches(IOptions<SiteOptions> options) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 64 << 20 });

    public MatchSet? Find(FactsSnapshot facts, SearchQuery query) =>
        cache.TryGetValue((facts.Changes, facts.ReadAt, query.Key), out MatchSet? set) ? set : null;

    public MatchSet Keep(FactsSnapshot facts, SearchQuery query, MatchSet set)
    {
        if (options.Value.CacheSeconds > 0)
        {
            cache.Set((facts.Changes, facts.ReadAt, query.Key), set, new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.CacheSeconds),
                // Ids and scores, four bytes each, and the entry itself.
                Size = 256 + (set.Ids.Length * 8L),
            });
        }

        return set;
    }

    public void Dispose() => cache.Dispose();
}

/// <summary>
/// The translations one query matches (ascending ids) and, once a search has needed them, their relevance scores in the
/// same order (<see cref="float.PositiveInfinity"/> for matches left unscored: they rank after the scored ones).
/// </summary>
public sealed class MatchSet(int[] ids)
{
    public int[] Ids { get; } = ids;

    /// <summary>Null until scored; set once, by whichever search gets there first.</summary>
    public float[]? Scores { get; set; }
}
