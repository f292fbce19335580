using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Statements;

/// <summary>
/// Keeps the URLs of an earlier site working: a request that no route answers is looked up in the Redirect table
/// (by path, then by path and query, as in WordPress's /?p=123) and answered 301 with the statement's canonical URL.
/// </summary>
public static class OldUrlRedirects
{
    public static WebApplication UseOldUrlRedirects(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var unanswered = context.GetEndpoint() is null || (context.Request.Path == "/" && context.Request.QueryString.HasValue);
            if (unanswered && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                var target = await FindAsync(context);
                if (target is not null)
                {
                    context.Response.Redirect(target, permanent: true);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    private static async Task<string?> FindAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var withQuery = path + context.Request.QueryString.Value;
        // WordPress answers an address with or without its final slash; so do its old addresses here.
        var other = path.Length > 1 && path.EndsWith('/') ? path.TrimEnd('/') : path + "/";
        // WordPress's own short addresses work whatever else the query carries (?p=12&utm_source=…).
        var query = context.Request.Query;
        if (path is "/" or "/index.php" && (query["p"].ToString() is { Length: > 0 } p ? $"?p={p}" : query["page_id"].ToString() is { Length: > 0 } page ? $"?page_id={page}" : null) is { } shortQuery)
        {
            withQuery = path + shortQuery;
        }
        var db = context.RequestServices.GetRequiredService<BayanDb>();
        var redirect = await db.Redirects.AsNoTracking()
            .Where(r => r.Path == path || r.Path == withQuery || r.Path == other)
            .OrderByDescending(r => r.Path.Length)
            .FirstOrDefaultAsync(context.RequestAborted);
        if (redirect is null)
        {
            return null;
        }

        var defaultLanguage = context.RequestServices.GetRequiredService<SiteLanguages>().Default.Code;
        var translation = await db.Translations.AsNoTracking()
            .Where(t => t.StatementId == redirect.StatementId && t.IsPublished
                && (t.Statement.Status == StatementStatus.Published || t.Statement.Status == StatementStatus.Withdrawn))
            .OrderByDescending(t => t.Language == redirect.Language)
            .ThenByDescending(t => t.Language == defaultLanguage)
            .ThenByDescending(t => t.IsOriginal)
            .Select(t => new { t.Language, t.Slug })
            .FirstOrDefaultAsync(context.RequestAborted);
        return translation is null ? null : Paths.Statement(translation.Language, redirect.StatementId, translation.Slug);
    }
}
