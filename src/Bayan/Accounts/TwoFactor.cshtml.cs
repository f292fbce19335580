using Bayan.Admin;
using Bayan.Audit;
using Bayan.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Bayan.Accounts;

/// <summary>The second step of signing in: a code from the authenticator app, or one of the recovery codes.</summary>
[EnableRateLimiting(AccountsFeature.SignInLimit)]
public sealed class TwoFactorModel(SignInManager<BayanUser> signIn, AuditLog audit, IStringLocalizer<Shared.SharedResource> text) : AccountPage
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Meta.Title = text["Two-factor sign-in"];
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/admin/sign-in") : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Meta.Title = text["Two-factor sign-in"];
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Redirect("/admin/sign-in");
        }

        var result = !string.IsNullOrWhiteSpace(RecoveryCode)
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", "", StringComparison.Ordinal))
            : await signIn.TwoFactorAuthenticatorSignInAsync((Code ?? "").Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.SignedIn, $"user {user.Email}", string.IsNullOrWhiteSpace(RecoveryCode) ? "with an authenticator code" : "with a recovery code", user.Id, user.Email);
            return LocalRedirect(Bayan.Accounts.ReturnUrl.Safe(ReturnUrl, Url));
        }

        await audit.RecordAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, $"user {user.Email}", "wrong second-factor code", user.Id, user.Email);
        Failure = text["That code is not right. After five failed attempts an account is paused for 15 minutes."];
        return Page();
    }
}
