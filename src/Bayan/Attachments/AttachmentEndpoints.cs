using Bayan.Core.Statements;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Bayan.Attachments;

/// <summary>Serves attachments of public statements, their thumbnails, and organization logos.</summary>
public static class AttachmentEndpoints
{
    public static IServiceCollection AddAttachments(this IServiceCollection services) =>
        services.AddSingleton<FileStore>().AddScoped<AttachmentUploads>();

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/attachments/{id:int}/thumbnail.webp", async (int id, BayanDb db, FileStore files, HttpContext context) =>
        {
            var found = await db.Attachments.AsNoTracking()
                .Where(a => a.Id == id && (a.Statement.Status == StatementStatus.Published || a.Statement.Status == StatementStatus.Withdrawn))
                .Select(a => a.ThumbnailSha256)
                .FirstOrDefaultAsync(context.RequestAborted);
            return await ServeAsync(files, found, "image/webp", null, context);
        });

        app.MapGet("/attachments/{id:int}/{fileName}", async (int id, string fileName, BayanDb db, FileStore files, HttpContext context) =>
        {
            var found = await db.Attachments.AsNoTracking()
                .Where(a => a.Id == id && (a.Statement.Status == StatementStatus.Published || a.Statement.Status == StatementStatus.Withdrawn))
                .Select(a => new { a.Sha256, a.ContentType, a.FileName })
                .FirstOrDefaultAsync(context.RequestAborted);
            if (found is null || found.FileName != fileName)
            {
                return Results.NotFound();
            }

            return await ServeAsync(files, found.Sha256, found.ContentType, found.FileName, context);
        });

        app.MapGet("/logos/{slug}", async (string slug, BayanDb db, FileStore files, HttpContext context) =>
        {
            var found = await db.Organizations.AsNoTracking()
                .Where(o => o.Slug == slug)
                .Select(o => new { o.LogoSha256, o.LogoContentType })
                .FirstOrDefaultAsync(context.RequestAborted);
            return await ServeAsync(files, found?.LogoSha256, found?.LogoContentType ?? "", null, context);
        });

        return app;
    }

    private static async Task<IResult> ServeAsync(FileStore files, string? sha256, string contentType, string? downloadName, HttpContext context)
    {
        var path = sha256 is null ? null : await files.FindAsync(sha256, context.RequestAborted);
        if (path is null)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        // Stored files never change under their hash, but a statement can be withdrawn: cache for a day, not forever.
        headers.CacheControl = "public, max-age=86400";
        // A file opened on its own must not run anything, even an SVG or an HTML file someone managed to attach.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; sandbox";
        if (downloadName is not null)
        {
            headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = downloadName }.ToString();
        }

        return Results.File(path, contentType, entityTag: new EntityTagHeaderValue($"\"{sha256}\""), enableRangeProcessing: true);
    }
}
