using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Search;

public static class SearchFeature
{
    /// <summary>The index of the database in use (SQLite FTS5 or PostgreSQL tsvector), the search the page runs and what it keeps in memory.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<ISearchIndex>(provider => provider.GetRequiredService<BayanDb>() is var db && db.Database.IsNpgsql()
            ? new PostgresSearchIndex(db)
            : new SqliteSearchIndex(db));
        services.AddScoped<StatementSearch>();
        services.AddSingleton<SearchFacts>();
        services.AddSingleton<RecentMatches>();
        return services;
    }
}
