namespace Bayan.Shared;

/// <summary>Serves the logo file named in Bayan:Site:Logo at /site-logo.</summary>
public static class SiteLogo
{
    public const string Path = "/site-logo";
    private const long MaxBytes = 1024 * 1024;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
    };

    public static string? Url(SiteOptions options) => File(options) is null ? null : Path;

    public static IEndpointRouteBuilder MapSiteLogo(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (Microsoft.Extensions.Options.IOptions<SiteOptions> options, Catalog catalog, Attachments.FileStore files, HttpContext context) =>
        {
            var identity = (await catalog.GetAsync(context.RequestAborted)).Identity;
            if (identity.LogoSha256 is not null && await files.FindAsync(identity.LogoSha256, context.RequestAborted) is { } uploaded)
            {
                context.Response.Headers.CacheControl = "public, max-age=300";
                return Results.File(uploaded, identity.LogoContentType ?? "application/octet-stream");
            }

            var file = File(options.Value);
            if (file is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=3600";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            return Results.File(file.FullName, ContentTypes[file.Extension]);
        });
        return app;
    }

    /// <summary>The configured logo when it exists, is an image type we serve, and is not absurdly large.</summary>
    private static FileInfo? File(SiteOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Site.Logo))
        {
            return null;
        }

        var file = new FileInfo(options.Site.Logo);
        return file.Exists && ContentTypes.ContainsKey(file.Extension) && file.Length <= MaxBytes ? file : null;
    }
}
