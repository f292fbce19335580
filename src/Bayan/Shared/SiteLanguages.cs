using System.Globalization;
using Bayan.Core.Languages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Bayan.Shared;

/// <summary>The languages this site is published in, and which one a request is in.</summary>
public sealed class SiteLanguages
{
    private readonly Dictionary<string, SiteLanguage> byCode;

    public SiteLanguages(IOptions<SiteOptions> options)
    {
        All = options.Value.SiteLanguages();
        if (All.Count == 0)
        {
            throw new InvalidOperationException("Bayan:Languages must list at least one language.");
        }

        byCode = All.ToDictionary(l => l.Code, StringComparer.Ordinal);
        Codes = All.Select(l => l.Code).ToList();
    }

    public IReadOnlyList<SiteLanguage> All { get; }

    public IReadOnlyList<string> Codes { get; }

    public SiteLanguage Default => All[0];

    /// <summary>Language codes in URLs are lower case and exact: /fa/, never /FA/ or /fa-IR/.</summary>
    public SiteLanguage? Find(string? code) => code is not null && byCode.TryGetValue(code, out var language) ? language : null;

    public SiteLanguage Negotiate(string? acceptLanguage) =>
        byCode[LanguageNegotiation.Choose(acceptLanguage, Codes, Default.Code)];

    /// <summary>The language of a request: the first segment of its path when that is a site language, else the browser's choice.</summary>
    public SiteLanguage ForRequest(HttpContext context)
    {
        // An error page speaks the language of the page that failed, not of /error/404.
        var path = context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? context.Request.Path.Value ?? "";
        var end = path.Length > 1 ? path.IndexOf('/', 1) : -1;
        var first = end < 0 ? path.TrimStart('/') : path[1..end];
        return Find(first) ?? Negotiate(context.Request.Headers.AcceptLanguage);
    }

    public static CultureInfo UiCulture(SiteLanguage language) => CultureInfo.GetCultureInfo(language.Code);
}

/// <summary>Matches only the site's languages, so /xx/… is a 404 before any page runs.</summary>
public sealed class LanguageRouteConstraint(SiteLanguages languages) : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && languages.Find(value as string) is not null;
}
