using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Bayan.Shared;

/// <summary>
/// Notes when a form was refused for its antiforgery token (a form left open past its session, or posted from elsewhere),
/// so the 400 page can say so instead of blaming the address.
/// </summary>
public sealed class FormExpiry : IAlwaysRunResultFilter
{
    private static readonly object Key = new();

    public static bool HappenedIn(HttpContext context) => context.Items.ContainsKey(Key);

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.HttpContext.Items[Key] = true;
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
