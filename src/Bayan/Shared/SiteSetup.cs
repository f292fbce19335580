using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;

namespace Bayan.Shared;

/// <summary>What every page shares: languages, interface texts, headers, error pages and the page cache.</summary>
public static class SiteSetup
{
    public const string PublicPagesPolicy = "public";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'";

    /// <summary>
    /// The API reference page only (/api/reference): Scalar's script sets its own styles, so inline styles are allowed
    /// there; scripts stay our own files, and nothing can be fetched from another host.
    /// </summary>
    private const string ReferencePagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'";

    /// <summary>Longest query string a public page accepts; the archive's filters need far less.</summary>
    private const int MaxQueryLength = 2048;

    public static IServiceCollection AddSiteBasics(this IServiceCollection services, IConfiguration configuration)
    {
        // Persian and Arabic are written out as characters, not as &#x…; entities (which would triple their pages' size);
        // what HTML needs escaped (<, >, &, quotes) still is.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddOptions<SiteOptions>()
            .Bind(configuration.GetSection(SiteOptions.Section))
            .Validate(o => o.PageSize is >= 1 and <= 100, "Bayan:PageSize must be between 1 and 100.")
            .Validate(o => o.CacheSeconds >= 0, "Bayan:CacheSeconds must be 0 (no cache) or more.")
            .Validate(o => o.Languages.All(l => l.Code is { Length: >= 2 } && !l.Code.Any(char.IsUpper)), "Bayan:Languages codes must be lower-case language codes such as en or fa.")
            .ValidateOnStart();
        services.AddSingleton<SiteLanguages>();
        services.AddSingleton(new Mirror.MirrorMode());
        services.AddSingleton<Catalog>();
        services.AddSingleton<ContentChanges>();
        services.AddScoped<SiteUrls>();
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddLocalization();
        services.AddRouting(options => options.ConstraintMap["lang"] = typeof(LanguageRouteConstraint));
        var cacheSeconds = configuration.GetValue($"{SiteOptions.Section}:CacheSeconds", 60);
        services.AddOutputCache(options => options.AddPolicy(PublicPagesPolicy, policy =>
        {
            if (cacheSeconds > 0)
            {
                policy.Expire(TimeSpan.FromSeconds(cacheSeconds)).Tag(ContentChanges.PagesTag);
            }
            else
            {
                policy.NoCache();
            }
        }));
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes,
                "application/rss+xml", "application/atom+xml", "application/feed+json", "image/svg+xml"];
        });
        return services;
    }

    public static WebApplication UseSiteBasics(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.Equals("/api/reference", StringComparison.Ordinal) ? ReferencePagePolicy : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            headers.XFrameOptions = "DENY";
            await next(context);
        });
        app.UseResponseCompression();
        const int SqliteReadOnly = 8;
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            // A request the server refused to read (a body over the upload limit: 413) keeps its own status and page;
            // one that met an unreachable database server answers 503.
            // (Antiforgery, reading the form first, wraps that refusal in its own exception.)
            StatusCodeSelector = exception =>
            {
                for (var e = exception; e is not null; e = e.InnerException)
                {
                    if (e is BadHttpRequestException bad)
                    {
                        return bad.StatusCode;
                    }

                    // The database server down or restarting, or read-only (a standby, a full disk): nothing is wrong with
                    // the request, and it can be tried again.
                    if (e is Npgsql.NpgsqlException { IsTransient: true }
                        or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ReadOnlySqlTransaction }
                        or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: SqliteReadOnly })
                    {
                        return StatusCodes.Status503ServiceUnavailable;
                    }
                }

                return StatusCodes.Status500InternalServerError;
            },
        });

        // Interface texts follow the language in the path (or the browser's, for pages outside a language).
        var languages = app.Services.GetRequiredService<SiteLanguages>();
        app.Use(async (context, next) =>
        {
            var culture = SiteLanguages.UiCulture(languages.ForRequest(context));
            CultureInfo.CurrentUICulture = culture;
            context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(CultureInfo.InvariantCulture, culture), null));
            await next(context);
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            // The API answers every refusal as problem details (a malformed parameter, an unknown address, a POST),
            // never with the site's HTML error page.
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            try
            {
                await next(context);
            }
            catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // A failure is a problem too: logged here, answered as problem details rather than the HTML error page.
                var bad = exception as BadHttpRequestException ?? exception.InnerException as BadHttpRequestException;
                if (bad is null)
                {
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Bayan.Api").LogError(exception, "The API failed on {Path}.", context.Request.Path);
                }

                context.Response.Clear();
                context.Response.StatusCode = bad?.StatusCode ?? StatusCodes.Status500InternalServerError;
            }

            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && string.IsNullOrEmpty(context.Response.ContentType))
            {
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context });
            }
        });
        app.Use(async (context, next) =>
        {
            // Public pages are read, never posted to; only the back office takes forms, the editorial API writes (with a
            // token), and the API answers browsers' CORS preflight questions. One public form reads and changes nothing:
            // "is this statement ours?" (/{lang}/verify), whose pasted text is too long for a query string.
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && !context.Request.Path.StartsWithSegments("/admin") && !context.Request.Path.StartsWithSegments("/api/v1/admin")
                && !(HttpMethods.IsPost(context.Request.Method) && IsVerifyForm(context.Request.Path))
                && !(HttpMethods.IsOptions(context.Request.Method) && context.Request.Path.StartsWithSegments("/api"))
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
            {
                context.Response.Headers.Allow = "GET, HEAD";
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            // (The error page's own re-execution keeps the long query string: it must not be refused again.)
            if ((context.Request.QueryString.Value?.Length > MaxQueryLength || context.Request.Path.Value?.Length > MaxQueryLength)
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status414UriTooLong;
                return;
            }

            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        });
        app.UseRouting();

        app.MapGet("/", (HttpContext context) =>
        {
            context.Response.Headers.Vary = "Accept-Language";
            return Results.Redirect(Paths.Home(languages.Negotiate(context.Request.Headers.AcceptLanguage).Code));
        });
        return app;
    }

    /// <summary>/{lang}/verify, the public form that checks a pasted text.</summary>
    private static bool IsVerifyForm(PathString path) =>
        path.Value is { } value && value.Split('/', StringSplitOptions.RemoveEmptyEntries) is [{ Length: >= 2 and <= 3 }, "verify"];
}
