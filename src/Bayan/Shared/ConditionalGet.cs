using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Bayan.Shared;

/// <summary>
/// Answers for clients that ask again (feed readers, API scripts): an ETag from a hash of the body, Last-Modified when
/// known, a minute's public caching, and 304 Not Modified when the client already has this version.
/// </summary>
public static class ConditionalGet
{
    public static IResult Answer(HttpContext context, byte[] body, string contentType, DateTime? lastModifiedUtc = null)
    {
        var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(body)[..12]) + "\"");
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = tag;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(1) };
        DateTimeOffset? modified = null;
        if (lastModifiedUtc is { } utc)
        {
            // HTTP dates have whole seconds: compare as the client will send it back.
            modified = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
            headers.LastModified = modified;
        }

        var request = context.Request.GetTypedHeaders();
        var unchanged = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(t => t.Compare(tag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any))
            : modified is not null && request.IfModifiedSince is { } since && since >= modified;
        return unchanged ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(body, contentType);
    }

    /// <summary>A UTC moment as feeds, sitemaps and JSON-LD write it: 2026-11-30T09:05:00Z.</summary>
    public static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
