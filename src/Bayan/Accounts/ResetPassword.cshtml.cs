using Bayan.Admin;
using Bayan.Audit;
using Bayan.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Bayan.Accounts;

/// <summary>
/// Choosing a new password from an emailed link. The token is Identity's: tied to the account's security stamp, so it
/// works once, and for an hour. The person then signs in as usual (two-factor included).
/// </summary>
[EnableRateLimiting(AccountsFeature.SignInLimit)]
public sealed class ResetPasswordModel(UserManager<BayanUser> users, AuditLog audit, IStringLocalizer<Shared.SharedResource> text) : AccountPage
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public string NewPassword { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public void OnGet() => Meta.Title = text["Choose a new password"];

    public async Task<IActionResult> OnPostAsync()
    {
        Meta.Title = text["Choose a new password"];
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email);
        if (user is null || user.DisabledAt is not null)
        {
            Errors = [text["This link does not work any more. Ask for a new one."]];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var reset = await users.ResetPasswordAsync(user, Token, NewPassword ?? "");
        if (!reset.Succeeded)
        {
            Errors = reset.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken) ? text["This link does not work any more. Ask for a new one."].Value : e.Description).ToList();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        // Whoever had the account paused by guessing is no longer in the way; a password chosen here is the person's own.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // Whoever was signed in with the old password (perhaps the reason for the reset) is signed out now.
        await SignInSessions.EndAllAsync(HttpContext.RequestServices.GetRequiredService<Data.BayanDb>(), user.Id);
        await Api.ApiTokens.RevokeAllAsync(HttpContext, user.Id);
        await audit.RecordAsync(AuditActions.PasswordReset, $"user {user.Email}", "by emailed link", userId: user.Id, userName: user.Email);
        Notice = text["Your new password is saved. Sign in with it."];
        return Redirect("/admin/sign-in");
    }
}
