using Bayan.Accounts;
using Bayan.Api;
using Bayan.Attachments;
using Bayan.Cluster;
using Bayan.Data;
using Bayan.Demo;
using Bayan.Feeds;
using Bayan.Operations;
using Bayan.Publishing;
using Bayan.Search;
using Bayan.SearchEngines;
using Bayan.Shared;
using Bayan.Statements;
using Bayan.Verification;
using Bayan.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Bayan;

/// <summary>The web application: one Add/Use/Map call per feature.</summary>
public static class Site
{
    // configureServices: tests replace services there (a controllable clock, say) after Bayan's own.
    public static WebApplication Build(string[] args, string? contentRoot = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Tests start the site from their own assembly; the pages and static files are Bayan's.
            ApplicationName = typeof(Site).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
        });
        var maxUpload = builder.Configuration.GetValue("Bayan:MaxUploadMegabytes", 25);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Room for the largest attachment and its form; larger bodies are cut off before they are read.
            kestrel.Limits.MaxRequestBodySize = (maxUpload + 1) * 1024L * 1024L;
            // Room for a pasted 10 KB query to reach the site, which answers it with its own "address too long" page.
            kestrel.Limits.MaxRequestLineSize = 32 * 1024;
        });

        builder.Services.AddBayanDatabase(builder.Configuration);
        builder.Services.AddOperations(builder.Configuration);
        builder.Services.AddSiteBasics(builder.Configuration);
        // After the basics: it moves their page cache into Redis when there is one.
        builder.Services.AddCluster(builder.Configuration);
        builder.Services.AddStatements();
        builder.Services.AddAttachments();
        builder.Services.AddDemo();
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddPublishing();
        builder.Services.AddVerification().AddVerificationForSite(builder.Configuration);
        builder.Services.AddSearch();
        builder.Services.AddFeeds();
        builder.Services.AddApi(builder.Configuration);
        builder.Services.AddWebhooks(builder.Configuration);
        builder.Services.AddRazorPages().WithRazorPagesAtContentRoot().AddMvcOptions(options => options.Filters.Add<FormExpiry>());
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseOperations(app.Configuration);
        app.UseSiteBasics();
        // Before the rate limiter (in UseAccounts), so a refusal still tells a browser's script why.
        app.UseCors();
        app.UseAccounts();
        // After authentication, so a signed-in request is never answered from (or stored in) the public cache.
        app.UseOutputCache();
        app.UseOldUrlRedirects();
        var endpoints = app.MapGroup("");
        // Whatever answers GET answers HEAD (monitors, crawlers and link checkers ask so); Kestrel leaves the body out.
        ((IEndpointConventionBuilder)endpoints).Add(AnswerHead);
        endpoints.MapSiteLogo();
        endpoints.MapAttachments();
        endpoints.MapOpenSearch();
        endpoints.MapFeeds();
        endpoints.MapSitemaps();
        endpoints.MapApi();
        endpoints.MapVerificationLog();
        app.MapRazorPages();
        return app;
    }

    private static void AnswerHead(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } methods
            && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
        {
            endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        }
    }

    /// <summary>Brings the database up to date and makes sure the roles exist, before the first request.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        // A site started with its database server (at boot) waits for it a while rather than failing at once.
        await DatabaseSetup.PrepareAsync(db, TimeSpan.FromSeconds(30));
        await AccountsSetup.EnsureRolesAsync(db);
        await EarlierKeys.ImportAsync(db, BayanPaths.DataDirectory(app.Configuration));
        await StandardTypes.EnsureAsync(db);
        // A database from before the search index (or a part of it), or restored without it: index it once.
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        if (await index.IsEmptyAsync(default) && await db.Translations.AnyAsync(t => t.IsPublished))
        {
            var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Bayan.Search");
            log.LogInformation("Building the search index before the site starts (about a minute per 100,000 statements)");
            log.LogInformation("Search index built: {Count} published translations", await index.RebuildAsync(default));
        }
        // Routes accept only the published languages (site settings), from the first request on.
        app.Services.GetRequiredService<SiteLanguages>().Apply(await db.SiteIdentity.OrderBy(s => s.Id).Select(s => s.Languages).FirstOrDefaultAsync());
    }
}
