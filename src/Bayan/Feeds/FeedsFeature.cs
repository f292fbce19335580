using Bayan.Shared;
using Bayan.Statements;

namespace Bayan.Feeds;

/// <summary>
/// /{lang}/feed.rss, /{lang}/feed.atom and /{lang}/feed.json, each taking the archive's filters (type, series, org, tag,
/// year) so a reader can follow one series or one co-signer. Kept in the page cache (so publishing shows at once: it
/// empties the cache) and answered with 304 Not Modified when the reader already has this version.
/// </summary>
public static class FeedsFeature
{
    public static IServiceCollection AddFeeds(this IServiceCollection services) => services.AddScoped<FeedQuery>();

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/{lang:lang}/feed.rss", (string lang, HttpContext context) => WriteAsync(lang, FeedFormat.Rss, context)).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/{lang:lang}/feed.atom", (string lang, HttpContext context) => WriteAsync(lang, FeedFormat.Atom, context)).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/{lang:lang}/feed.json", (string lang, HttpContext context) => WriteAsync(lang, FeedFormat.Json, context)).CacheOutput(SiteSetup.PublicPagesPolicy);
        return endpoints;
    }

    /// <summary>The format's name, as feed readers list it.</summary>
    public static string Name(FeedFormat format) => format switch
    {
        FeedFormat.Atom => "Atom",
        FeedFormat.Json => "JSON Feed",
        _ => "RSS",
    };

    public static string ContentType(FeedFormat format) => format switch
    {
        FeedFormat.Atom => "application/atom+xml",
        FeedFormat.Json => "application/feed+json",
        _ => "application/rss+xml",
    };

    private static async Task<IResult> WriteAsync(string lang, FeedFormat format, HttpContext context)
    {
        var services = context.RequestServices;
        var catalog = await services.GetRequiredService<Catalog>().GetAsync(context.RequestAborted);
        var language = services.GetRequiredService<SiteLanguages>().Find(lang)!;
        var (filter, status) = ArchiveFilter.Parse(context.Request.Query, catalog);
        if (filter is null)
        {
            return Results.Problem(statusCode: status, title: status == 404 ? "No such type, series, organization or tag." : "The filters could not be read.");
        }

        var feed = await services.GetRequiredService<FeedQuery>().LoadAsync(language, filter, catalog, context.RequestAborted);
        var body = format == FeedFormat.Json ? JsonFeed.Write(feed) : XmlFeeds.Write(feed, format);
        return ConditionalGet.Answer(context, body, ContentType(format) + "; charset=utf-8", feed.Updated);
    }
}
