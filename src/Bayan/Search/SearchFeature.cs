using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Search;

public static class SearchFeature
{
    /// <summary>The index of the database in use (SQLite FTS5 or PostgreSQL tsvector), the search the page runs and what it keeps in memory.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped(provider => IndexOn(provider.GetRequiredService<BayanDb>()));
        // The same over the database public pages read (the read replica, when there is one: PublicReads).
        services.AddKeyedScoped(PublicReads.Key, (provider, _) => IndexOn(provider.GetRequiredKeyedService<BayanDb>(PublicReads.Key)));
        services.AddScoped<StatementSearch>();
        services.AddSingleton<SearchFacts>();
        services.AddSingleton<RecentMatches>();
        return services;
    }

    private static ISearchIndex IndexOn(BayanDb db) => db.Database.IsNpgsql() ? new PostgresSearchIndex(db) : new SqliteSearchIndex(db);
}
