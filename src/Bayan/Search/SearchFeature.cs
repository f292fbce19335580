namespace Bayan.Search;

public static class SearchFeature
{
    /// <summary>The index (SQLite FTS5 for now; the provider switch comes with PostgreSQL) and the search the page runs.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<ISearchIndex, SqliteSearchIndex>();
        services.AddScoped<StatementSearch>();
        return services;
    }
}
