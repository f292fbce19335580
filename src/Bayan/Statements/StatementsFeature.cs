namespace Bayan.Statements;

/// <summary>The public archive: listings, statement pages, and the pages of one organization, series, tag or year.</summary>
public static class StatementsFeature
{
    public static IServiceCollection AddStatements(this IServiceCollection services)
    {
        services.AddScoped<ArchiveQuery>();
        services.AddSingleton<ListingCache>();
        services.PostConfigure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            // One listing page serves every filtered view; these routes are part of the public URL contract.
            const string archive = "/Statements/Archive";
            options.Conventions.AddPageRoute(archive, "{lang:lang}");
            options.Conventions.AddPageRoute(archive, "{lang:lang}/organizations/{org}");
            options.Conventions.AddPageRoute(archive, "{lang:lang}/series/{series}");
            options.Conventions.AddPageRoute(archive, "{lang:lang}/tags/{tag}");
            options.Conventions.AddPageRoute(archive, "{lang:lang}/years/{year}");
        });
        return services;
    }
}
