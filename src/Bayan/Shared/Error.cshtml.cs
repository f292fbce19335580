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

    /// <summary>Whether a form was refused for its antiforgery token.</summary>
    public bool FormExpired => FormExpiry.HappenedIn(HttpContext);

    /// <summary>A failed form post is re-executed here as a post: it gets the same page.</summary>
    public IActionResult OnPost(int code) => OnGet(code);

    public IActionResult OnGet(int code)
    {
        // Reached directly rather than re-executed: there is no error to show.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null)
        {
            return NotFound();
        }

        Code = code is >= 400 and <= 599 ? code : 500;
        NotInThisLanguage = HttpContext.Features.Get<NotInThisLanguage>();
        Response.StatusCode = Code;
        Meta.NoIndex = true;
        return Page();
    }
}
