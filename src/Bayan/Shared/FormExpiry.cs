using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Bayan.Shared;

/// <summary>
/// Notes when a form was refused for its antiforgery token (a form left open past its session, or posted from elsewhere),
/// so the 400 page can say so instead of blaming the address; and a body too large to read is answered 413.
/// </summary>
public sealed class FormExpiry : IAlwaysRunResultFilter
{
    private static readonly object Key = new();

    public static bool HappenedIn(HttpContext context) => context.Items.ContainsKey(Key);

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            // The token could not even be read when the body was over the server's limit: that is a 413, not an old form.
            var limit = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            if (limit is not null && context.HttpContext.Request.ContentLength > limit)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
                return;
            }

            context.HttpContext.Items[Key] = true;
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
