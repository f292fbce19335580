namespace Bayan.Publishing;

/// <summary>Writing and the workflow: the editor's saves, the transitions, and the scheduler.</summary>
public static class PublishingFeature
{
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.PostConfigure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
            options.Conventions.AddPageRoute("/Publishing/Edit", "admin/statements/new"));
        return services
            .AddScoped<StatementWriter>()
            .AddScoped<Publisher>()
            .AddScoped<PreviewLinks>()
            .AddHostedService<ScheduledPublishing>();
    }
}
