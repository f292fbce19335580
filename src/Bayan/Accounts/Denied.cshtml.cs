using Bayan.Admin;
using Microsoft.Extensions.Localization;

namespace Bayan.Accounts;

/// <summary>Shown when a signed-in person asks for something their role does not allow.</summary>
public sealed class DeniedModel(IStringLocalizer<Shared.SharedResource> text) : AccountPage
{
    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Meta.Title = text["Not allowed"];
    }
}
