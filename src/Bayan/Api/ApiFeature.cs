using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Threading.RateLimiting;
using Bayan.Core.Search;
using Bayan.Search;
using Bayan.Shared;
using Bayan.Statements;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scalar.AspNetCore;

namespace Bayan.Api;

/// <summary>
/// The JSON API, version 1, under /api/v1: anonymous reading of everything the public site shows (statements,
/// organizations, series, types, topics, search), open to every origin (CORS), described by the OpenAPI 3.1 document at
/// /openapi/v1.json. Names in snake_case; errors as RFC 9457 problem details; every answer has an ETag and is answered
/// 304 when the client already has it; kept in the page cache, which every publication empties.
/// </summary>
public static class ApiFeature
{
    public const string CorsPolicy = "public-read";

    private const string TypeFilter = "Only statements of this type (a slug from /api/v1/types).";
    private const string SeriesFilter = "Only statements in this series (a slug from /api/v1/series).";
    private const string OrgFilter = "Only statements this organization leads or co-signs (a slug from /api/v1/organizations).";
    private const string TagFilter = "Only statements on this topic (a slug from /api/v1/tags).";

    /// <summary>The rate limiting policy of the API: requests per client address per minute (Bayan:Api:RequestsPerMinute).</summary>
    public const string RateLimit = "api";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Persian and Arabic as themselves, not as \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Bayan:Api:RequestsPerMinute", 1200);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimit, context => perMinute <= 0
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : Cluster.SharedRateLimits.FixedWindow(context, RateLimit, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", perMinute, TimeSpan.FromMinutes(1)));
            var others = options.OnRejected;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                // Every refusal says when to come back; the API's says it as problem details.
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (rejected.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await TypedResults.Problem(statusCode: 429, title: "Too many requests from this address.", detail: $"At most {perMinute} a minute; see Retry-After.")
                        .ExecuteAsync(rejected.HttpContext);
                }
                else if (others is not null)
                {
                    await others(rejected, cancellationToken);
                }
            };
        });

        services.AddScoped<StatementsApi>().AddScoped<ApiTokens>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, null);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            // Numbers are numbers: the document then types them "integer", not "integer or a string of digits".
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy.AllowAnyOrigin().WithMethods("GET", "HEAD").WithHeaders("If-None-Match")
            .WithExposedHeaders("ETag", "Retry-After")));
        services.AddOpenApi("v1", options =>
        {
            // The site's pages, feeds and files are not the API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Bayan API";
                document.Info.Version = "1";
                document.Info.Description = "Read the statements an organization has published: the same content as its public site, in every language. "
                    + "With a personal token made in the back office, write, publish and read drafts under /api/v1/admin.";
                // The editorial endpoints name the token they need; the public ones need none.
                document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["token"] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal API token (bayan_…), made in the back office under your account's API tokens.",
                };
                foreach (var (path, item) in document.Paths.Where(p => p.Key.StartsWith("/api/v1/admin/", StringComparison.Ordinal)))
                {
                    foreach (var operation in item.Operations?.Values.ToList() ?? [])
                    {
                        operation.Security = [new() { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("token", document)] = [] }];
                    }
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").CacheOutput(SiteSetup.PublicPagesPolicy);
        // Scalar's script, served from its package (never from a third-party host); the page that starts it is ours,
        // so the start needs no inline script and the site's Content-Security-Policy holds (see ReferencePage).
        endpoints.MapScalarApiReference("/api/scalar", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        endpoints.MapGet("/api/reference", () => Results.Content(ReferencePage, "text/html; charset=utf-8")).ExcludeFromDescription();
        endpoints.MapGet("/api/reference/start.js", () => Results.Text(ReferenceStart, "text/javascript; charset=utf-8")).ExcludeFromDescription();
        var api = endpoints.MapGroup("/api/v1").RequireCors(CorsPolicy).RequireRateLimiting(RateLimit).CacheOutput(SiteSetup.PublicPagesPolicy)
            .WithTags("Statements").ProducesProblem(429);

        api.MapGet("/statements", ListAsync).WithName("ListStatements")
            .WithSummary("Public statements, newest first")
            .WithDescription("Published and withdrawn statements with the archive's filters; `lang` keeps those that have a published translation in that language (each still lists all its translations) and gives `label` in it; `updated_since` (ISO 8601) keeps those published, corrected or withdrawn since then; pages of `limit` (1–100, default 20) follow `next_cursor`.")
            .Produces<StatementPage>().ProducesProblem(400);
        api.MapGet("/statements/{id:int}", FindAsync).WithName("GetStatement")
            .WithSummary("One statement with every published translation, its versions and attachments")
            .Produces<StatementDetail>().ProducesProblem(404);
        api.MapGet("/organizations", async (StatementsApi statements, Catalog catalog, HttpContext context) =>
            Answer(context, statements.Organizations(await catalog.GetAsync(context.RequestAborted))))
            .WithName("ListOrganizations").WithSummary("Organizations that lead or co-sign statements").Produces<IReadOnlyList<OrganizationInfo>>();
        api.MapGet("/series", async (Catalog catalog, HttpContext context) => Answer(context, StatementsApi.Series(await catalog.GetAsync(context.RequestAborted))))
            .WithName("ListSeries").WithSummary("Numbered series (\"Announcement No. 3\")").Produces<IReadOnlyList<SeriesInfo>>();
        api.MapGet("/types", async (Catalog catalog, HttpContext context) => Answer(context, StatementsApi.Types(await catalog.GetAsync(context.RequestAborted))))
            .WithName("ListTypes").WithSummary("Kinds of statement").Produces<IReadOnlyList<NamedInfo>>();
        api.MapGet("/tags", async (Catalog catalog, HttpContext context) => Answer(context, StatementsApi.Tags(await catalog.GetAsync(context.RequestAborted))))
            .WithName("ListTags").WithSummary("Topics").Produces<IReadOnlyList<NamedInfo>>();
        api.MapGet("/search", SearchAsync).WithName("Search")
            .WithSummary("Full-text search, as on the site's search page")
            .WithDescription("`q` in the search box's syntax (words, \"phrases\", -exclusions, OR); `lang` (default: the site's default language), the archive's filters, `from` and `to` years in the language's calendar (Solar Hijri for Persian: 1403, not 2024), `sort=date`, `page`.")
            .Produces<SearchResponse>().ProducesProblem(400);
        endpoints.MapEditorialApi();
        return endpoints;
    }

    /// <summary>The browsable reference: Scalar reading /openapi/v1.json. Its styles are set by the script (see SiteSetup's policy for /api/reference).</summary>
    private const string ReferencePage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Bayan API reference</title>
        </head>
        <body>
          <div id="app"></div>
          <script src="/api/scalar/scalar.js"></script>
          <script src="/api/reference/start.js"></script>
        </body>
        </html>
        """;

    private const string ReferenceStart = """
        Scalar.createApiReference('#app', { url: '/openapi/v1.json', withDefaultFonts: false, hideClientButton: true, telemetry: false, showDeveloperTools: 'never', agent: { disabled: true } });
        """;

    private static async Task<IResult> ListAsync(
        HttpContext context, StatementsApi statements, Catalog catalog, SiteLanguages languages,
        [Description("Only statements with a published translation in this language (a code from the site's languages); labels in it.")] string? lang,
        [Description(TypeFilter)] string? type,
        [Description(SeriesFilter)] string? series,
        [Description(OrgFilter)] string? org,
        [Description(TagFilter)] string? tag,
        [FromQuery(Name = "updated_since"), Description("Only statements published, corrected or withdrawn at or after this moment (ISO 8601).")] DateTime? updatedSince,
        [Description("The next_cursor of the previous page.")] string? cursor,
        [Description("Statements a page, 1 to 100 (default 20)."), Range(1, StatementsApi.MaxLimit)] int? limit)
    {
        var site = await catalog.GetAsync(context.RequestAborted);
        if (Filter(site, type, series, org, tag) is not { } filter)
        {
            return Problem("A filter names a type, series, organization or topic that does not exist.");
        }

        if (lang is not null && languages.Find(lang) is null)
        {
            return Problem($"This site has no language \"{lang}\".");
        }

        Cursor? after = null;
        if (cursor is not null)
        {
            if (!Cursor.TryDecode(cursor, out var decoded))
            {
                return Problem("The cursor is not one this API gave out.");
            }

            after = decoded;
        }

        if (limit is < 1 or > StatementsApi.MaxLimit)
        {
            return Problem($"limit must be between 1 and {StatementsApi.MaxLimit}.");
        }

        var since = updatedSince is { } value ? DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc) : (DateTime?)null;
        var page = await statements.ListAsync(filter, lang, since, after, limit ?? StatementsApi.DefaultLimit, site, context.RequestAborted);
        return Answer(context, page);
    }

    private static async Task<IResult> FindAsync([Description("The statement's number, as in its address.")] int id, HttpContext context, StatementsApi statements, Catalog catalog)
    {
        var statement = await statements.FindAsync(id, await catalog.GetAsync(context.RequestAborted), context.RequestAborted);
        return statement is null ? Results.Problem(statusCode: 404, title: "No public statement has this id.") : Answer(context, statement);
    }

    private static async Task<IResult> SearchAsync(
        HttpContext context, StatementSearch search, Catalog catalog, SiteLanguages languages,
        [Description("What to look for: words (all must match), \"a phrase\", -excluded, OR between alternatives; at most 200 characters.")] string? q,
        [Description("The language to search (default: the site's default language).")] string? lang,
        [Description(TypeFilter)] string? type,
        [Description(SeriesFilter)] string? series,
        [Description(OrgFilter)] string? org,
        [Description(TagFilter)] string? tag,
        [Description("From this year, in the language's calendar (Solar Hijri for Persian)."), Range(1, 9999)] int? from,
        [Description("To this year, in the language's calendar."), Range(1, 9999)] int? to,
        [Description("\"relevance\" (the default) or \"date\" (newest first).")] string? sort,
        [Description("Page of 10 results, from 1."), Range(1, 10_000)] int? page)
    {
        var site = await catalog.GetAsync(context.RequestAborted);
        var language = lang is null ? languages.Default : languages.Find(lang);
        if (language is null)
        {
            return Problem($"This site has no language \"{lang}\".");
        }

        if (Filter(site, type, series, org, tag) is not { } filter)
        {
            return Problem("A filter names a type, series, organization or topic that does not exist.");
        }

        if (page is < 1 or > 10_000 || from is < 1 or > 9999 || to is < 1 or > 9999)
        {
            return Problem("page, from or to is out of range.");
        }

        if (sort is not null and not "date" and not "relevance")
        {
            return Problem("sort is \"relevance\" (the default) or \"date\".");
        }

        var query = SearchQuery.Parse(q);
        var searchFilter = new SearchFilter(filter.Type, filter.Series, filter.Org, filter.Tag, from, to, AllLanguages: false, ByDate: sort == "date", page ?? 1);
        var results = await search.SearchAsync(query, searchFilter, language, site, context.RequestAborted);
        var urls = context.RequestServices.GetRequiredService<SiteUrls>();
        var items = results.Hits.Select(hit => new SearchItem(
            hit.StatementId, hit.Language, hit.Title, urls.Absolute(Paths.Statement(hit.Language, hit.StatementId, hit.Slug)),
            Marked(hit.Snippet), hit.InAttachment, hit.PublishedAt)).ToList();
        return Answer(context, new SearchResponse(query.Text, language.Code, results.Total, page ?? 1, StatementSearch.PageSize, items));
    }

    /// <summary>The archive's filters, or null when one names nothing that exists.</summary>
    private static ArchiveFilter? Filter(CatalogSnapshot catalog, string? type, string? series, string? org, string? tag) =>
        (type is null || catalog.TypesBySlug.ContainsKey(type)) && (series is null || catalog.SeriesBySlug.ContainsKey(series))
        && (org is null || catalog.OrganizationsBySlug.ContainsKey(org)) && (tag is null || catalog.TagsBySlug.ContainsKey(tag))
            ? new ArchiveFilter(type, series, org, tag, null, 1)
            : null;

    private static string Marked(IReadOnlyList<Fragment> fragments) => string.Concat(fragments.Select(f =>
        f.Matched ? "<mark>" + System.Net.WebUtility.HtmlEncode(f.Text) + "</mark>" : System.Net.WebUtility.HtmlEncode(f.Text)));

    private static ProblemHttpResult Problem(string detail) => TypedResults.Problem(statusCode: 400, title: "The request cannot be answered as it is.", detail: detail);

    /// <summary>JSON with an ETag (a hash of the body); 304 when the client sent that ETag.</summary>
    private static IResult Answer<T>(HttpContext context, T value)
    {
        return ConditionalGet.Answer(context, JsonSerializer.SerializeToUtf8Bytes(value, Json), "application/json; charset=utf-8");
    }
}
