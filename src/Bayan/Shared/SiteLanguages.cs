using System.Globalization;
using Bayan.Core.Languages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Bayan.Shared;

/// <summary>
/// The languages this site is published in, and which one a request is in. Configuration (Bayan:Languages) lists the
/// languages available, with their script direction, calendar and digits; the site settings choose which of them are
/// published and which is the default. Readers of a request see one consistent snapshot.
/// </summary>
public sealed class SiteLanguages
{
    private volatile Snapshot current;

    public SiteLanguages(IOptions<SiteOptions> options)
    {
        Available = options.Value.SiteLanguages();
        if (Available.Count == 0)
        {
            throw new InvalidOperationException("Bayan:Languages must list at least one language.");
        }

        current = new Snapshot(Available);
    }

    /// <summary>Every language the configuration makes available, in its order.</summary>
    public IReadOnlyList<SiteLanguage> Available { get; }

    /// <summary>The languages published, the default first.</summary>
    public IReadOnlyList<SiteLanguage> All => current.Languages;

    public IReadOnlyList<string> Codes => current.Codes;

    public SiteLanguage Default => All[0];

    /// <summary>
    /// Publishes the languages in <paramref name="codes"/> (comma-separated, the default first), keeping only available
    /// ones; null or nothing usable publishes every available language.
    /// </summary>
    public void Apply(string? codes)
    {
        var chosen = (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => Available.FirstOrDefault(l => l.Code == code))
            .OfType<SiteLanguage>()
            .Distinct()
            .ToList();
        var languages = chosen.Count > 0 ? chosen : Available;
        if (!languages.SequenceEqual(current.Languages))
        {
            current = new Snapshot(languages);
        }
    }

    /// <summary>The comma-separated codes for <see cref="Apply"/>: <paramref name="defaultCode"/> first, then the others in the configured order.</summary>
    public string Describe(IEnumerable<string> published, string defaultCode) =>
        string.Join(',', Available.Select(l => l.Code).Where(published.Contains).OrderByDescending(code => code == defaultCode));

    /// <summary>A published language by its code. Codes in URLs are lower case and exact: /fa/, never /FA/ or /fa-IR/.</summary>
    public SiteLanguage? Find(string? code) => code is not null && current.ByCode.TryGetValue(code, out var language) ? language : null;

    public SiteLanguage Negotiate(string? acceptLanguage)
    {
        var snapshot = current;
        return snapshot.ByCode[LanguageNegotiation.Choose(acceptLanguage, snapshot.Codes, snapshot.Languages[0].Code)];
    }

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

    private sealed class Snapshot(IReadOnlyList<SiteLanguage> languages)
    {
        public IReadOnlyList<SiteLanguage> Languages { get; } = languages;

        public IReadOnlyList<string> Codes { get; } = languages.Select(l => l.Code).ToList();

        public Dictionary<string, SiteLanguage> ByCode { get; } = languages.ToDictionary(l => l.Code, StringComparer.Ordinal);
    }
}

/// <summary>Matches only the site's languages, so /xx/… is a 404 before any page runs.</summary>
public sealed class LanguageRouteConstraint(SiteLanguages languages) : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && languages.Find(value as string) is not null;
}
