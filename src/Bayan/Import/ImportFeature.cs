using Bayan.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bayan.Import;

public static class ImportFeature
{
    /// <summary>What the import verbs need beyond the database and search: the configured languages and a clock.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section));
        services.AddSingleton<SiteLanguages>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<WordPressImport>();
        services.AddScoped<Backup.SiteExport>();
        services.AddScoped<Backup.SiteRestore>();
        return services;
    }
}
