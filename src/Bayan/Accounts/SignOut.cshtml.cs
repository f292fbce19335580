using Bayan.Audit;
using Bayan.Core.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Bayan.Accounts;

/// <summary>Signing out of this browser, or of every browser at once (by changing the account's security stamp).</summary>
[Authorize]
public sealed class SignOutModel(SignInManager<BayanUser> signIn, UserManager<BayanUser> users, AuditLog audit) : Shared.SitePage
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.RecordAsync(AuditActions.SignedOut, $"user {User.Identity?.Name}");
        await signIn.SignOutAsync();
        return Redirect("/admin/sign-in");
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            await users.UpdateSecurityStampAsync(user);
            await SignInSessions.EndAllAsync(HttpContext.RequestServices.GetRequiredService<Data.BayanDb>(), user.Id);
            await Api.ApiTokens.RevokeAllAsync(HttpContext, user.Id);
            await audit.RecordAsync(AuditActions.SignedOutEverywhere, $"user {user.Email}");
        }

        await signIn.SignOutAsync();
        return Redirect("/admin/sign-in");
    }
}
