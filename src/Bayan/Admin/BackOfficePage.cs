using Bayan.Accounts;
using Bayan.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
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

    /// <summary>
    /// The account is read again on every back-office request, so disabling or removing it takes effect at once. Someone
    /// given a generated password, or without two-factor sign-in when the site requires it, can only reach their account
    /// page until they have put that right.
    /// </summary>
    protected override async Task<IActionResult?> BeforeHandlerAsync()
    {
        var users = HttpContext.RequestServices.GetRequiredService<UserManager<BayanUser>>();
        var user = await users.GetUserAsync(User);
        if (user is null || user.DisabledAt is not null)
        {
            await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Redirect("/admin/sign-in");
        }

        if (this is AccountModel)
        {
            return null;
        }

        if (user.MustChangePassword)
        {
            return Redirect("/admin/account?required=password");
        }

        return Catalog.Identity.RequireTwoFactor && !await users.GetTwoFactorEnabledAsync(user) ? Redirect("/admin/account?required=two-factor") : null;
    }

    public static void NoStore(HttpContext context)
    {
        // The same value antiforgery sets on pages with forms, so it has nothing to override (and log).
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.Headers.Pragma = "no-cache";
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
