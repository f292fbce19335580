using Bayan.Accounts;
using Bayan.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Bayan.Admin;

/// <summary>
/// Base of back-office pages: signed-in team members only (each page narrows the policy further),
/// never cached anywhere, in the language the browser asks for.
/// </summary>
[Authorize(Policy = Policies.BackOffice)]
public abstract class BackOfficePage : SitePage
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        NoStore(HttpContext);
        Meta.NoIndex = true;
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    /// <summary>When the site requires two-factor sign-in, someone without it can only reach their account page to set it up.</summary>
    protected override async Task<IActionResult?> BeforeHandlerAsync()
    {
        if (!Catalog.Identity.RequireTwoFactor || this is Accounts.AccountModel)
        {
            return null;
        }

        var users = HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Accounts.BayanUser>>();
        var user = await users.GetUserAsync(User);
        return user is null || await users.GetTwoFactorEnabledAsync(user) ? null : Redirect("/admin/account?required=two-factor");
    }

    public static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }
}

/// <summary>Back-office pages a stranger may open: sign-in, first setup, refusals.</summary>
[AllowAnonymous]
public abstract class AccountPage : SitePage
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        BackOfficePage.NoStore(HttpContext);
        Meta.NoIndex = true;
        await base.OnPageHandlerExecutionAsync(context, next);
    }
}
