using System.ComponentModel.DataAnnotations;
using Bayan.Admin;
using Bayan.Audit;
using Bayan.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Bayan.Accounts;

/// <summary>
/// Signing in. Unknown emails, wrong passwords and locked accounts get the same answer after the same work,
/// so the page tells a stranger nothing about which accounts exist.
/// </summary>
[EnableRateLimiting(AccountsFeature.SignInLimit)]
public sealed class SignInModel(
    SignInManager<BayanUser> signIn,
    UserManager<BayanUser> users,
    AuditLog audit,
    IStringLocalizer<Shared.SharedResource> text) : AccountPage
{
    // A hash to verify against when the email is unknown, so that answer takes as long as a real check.
    private static readonly string DecoyHash = new PasswordHasher<BayanUser>().HashPassword(new BayanUser(), Guid.NewGuid().ToString());

    [BindProperty]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    /// <summary>A message from the page that sent the person here (a new password saved).</summary>
    [TempData]
    public string? Notice { get; set; }

    public void OnGet() => Meta.Title = text["Sign in"];

    public async Task<IActionResult> OnPostAsync()
    {
        Meta.Title = text["Sign in"];
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new BayanUser(), DecoyHash, Password);
            await audit.RecordAsync(AuditActions.SignInFailed, $"email {Email}", "unknown account", userName: Email);
            return Refuse();
        }

        if (user.DisabledAt is not null)
        {
            // The same answer after the same work as a wrong password: a disabled account is not confirmed to exist.
            users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? DecoyHash, Password);
            await audit.RecordAsync(AuditActions.SignInFailed, $"user {user.Email}", "disabled account", userId: user.Id, userName: user.Email);
            return Refuse();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.SignedIn, $"user {user.Email}", userId: user.Id, userName: user.Email);
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return LocalRedirect("/admin/sign-in/two-factor?ReturnUrl=" + Uri.EscapeDataString(SafeReturnUrl()));
        }

        await audit.RecordAsync(
            result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed,
            $"user {user.Email}",
            result.IsLockedOut ? "locked out" : "wrong password",
            userId: user.Id,
            userName: user.Email);
        return Refuse();
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Refuse()
    {
        Failure = text["The email or password is not right. After five failed attempts an account is paused for 15 minutes."];
        Password = "";
        return Page();
    }

    private string SafeReturnUrl() => Bayan.Accounts.ReturnUrl.Safe(ReturnUrl, Url);
}
