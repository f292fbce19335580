namespace Bayan.Search;

public static class SearchFeature
{
    /// <summary>The index (SQLite FTS5 for now; the provider switch comes with PostgreSQL), the search the page runs and what it keeps in memory.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<ISearchIndex, SqliteSearchIndex>();
        services.AddScoped<StatementSearch>();
        services.AddSingleton<SearchFacts>();
        services.AddSingleton<RecentMatches>();
        return services;
    }
}
