using Bayan.Attachments;
using Bayan.Data;
using Bayan.Demo;
using Bayan.Health;
using Bayan.Shared;
using Bayan.Statements;

namespace Bayan;

/// <summary>The web application: one Add/Use/Map call per feature.</summary>
public static class Site
{
    public static WebApplication Build(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Tests start the site from their own assembly; the pages and static files are Bayan's.
            ApplicationName = typeof(Site).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        builder.Services.AddBayanDatabase(builder.Configuration);
        builder.Services.AddSiteBasics(builder.Configuration);
        builder.Services.AddStatements();
        builder.Services.AddAttachments();
        builder.Services.AddDemo();
        builder.Services.AddRazorPages().WithRazorPagesAtContentRoot();

        var app = builder.Build();
        app.UseSiteBasics();
        app.UseOldUrlRedirects();
        app.MapHealth();
        app.MapSiteLogo();
        app.MapAttachments();
        app.MapRazorPages().CacheOutput(SiteSetup.PublicPagesPolicy);
        return app;
    }

    /// <summary>Brings the database up to date before the first request.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await DatabaseSetup.PrepareAsync(scope.ServiceProvider.GetRequiredService<BayanDb>());
    }
}
