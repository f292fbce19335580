using Bayan.Statements;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Bayan.Shared;

/// <summary>The error page for every 4xx and 5xx answer, in the language of the page that failed.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : SitePage
{
    public int Code { get; private set; }

    public NotInThisLanguage? NotInThisLanguage { get; private set; }

    public int MaxUploadMegabytes => HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value.MaxUploadMegabytes;

    /// <summary>Whether a form was refused for its antiforgery token.</summary>
    public bool FormExpired => FormExpiry.HappenedIn(HttpContext);

    /// <summary>A failed form post is re-executed here as a post: it gets the same page.</summary>
    public IActionResult OnPost() => OnGet();

    /// <remarks>
    /// The code is read from the route by hand, without model binding: binding would read a refused post's form again,
    /// which fails for a body over the size limit.
    /// </remarks>
    public IActionResult OnGet()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 500;
        // Reached directly rather than re-executed: there is no error to show.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null)
        {
            return NotFound();
        }

        // The exception handler re-executes /error/500, but a request it refused to read keeps its own 4xx status, and
        // one that failed because the database could not be reached is a 503 (to try again soon).
        var selected = HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null && Response.StatusCode is (>= 400 and < 500) or 503 ? Response.StatusCode : code;
        if (selected == 503)
        {
            Response.Headers.RetryAfter = "10";
        }

        Code = selected is >= 400 and <= 599 ? selected : 500;
        NotInThisLanguage = HttpContext.Features.Get<NotInThisLanguage>();
        Response.StatusCode = Code;
        Meta.NoIndex = true;
        return Page();
    }
}
