using System.ComponentModel.DataAnnotations;
using Bayan.Admin;
using Bayan.Audit;
using Bayan.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Bayan.Accounts;

/// <summary>
/// The signed-in person's own account: password, two-factor sign-in with an authenticator app and recovery codes,
/// and signing out everywhere. Every change asks for the current password again.
/// </summary>
public sealed class AccountModel(
    UserManager<BayanUser> users,
    SignInManager<BayanUser> signIn,
    AuditLog audit,
    IStringLocalizer<Shared.SharedResource> text) : BackOfficePage
{
    [BindProperty]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    public string Code { get; set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    /// <summary>While setting up two-factor sign-in: the key and its QR code (a data: URI, allowed by the CSP).</summary>
    public string? AuthenticatorKey { get; private set; }

    public string? QrCode { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Whether the password was generated for the person, who must choose their own before anything else.</summary>
    public bool MustChangePassword { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync(await CurrentUserAsync());

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await CurrentUserAsync();
        if (!string.IsNullOrEmpty(NewPassword) && NewPassword == CurrentPassword)
        {
            // Above all for a generated password: someone else has seen it.
            return await FailAsync(user, [text["Choose a new password, not the one you have now."]]);
        }

        var changed = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!changed.Succeeded)
        {
            return await FailAsync(user, changed.Errors.Select(e => e.Description));
        }

        // A new password ends every other session; this one gets a fresh cookie (without the "must change" mark).
        user.MustChangePassword = false;
        await users.UpdateSecurityStampAsync(user);
        // Every other session ends at once; this browser's is renewed below.
        await SignInSessions.EndAllAsync(HttpContext.RequestServices.GetRequiredService<Data.BayanDb>(), user.Id, keep: SignInSessions.CurrentId(User));
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(AuditActions.PasswordChanged, $"user {user.Email}");
        Done = text["Password changed. You stay signed in here; other sessions are signed out."];
        return Redirect("/admin/account");
    }

    public async Task<IActionResult> OnPostStartTwoFactorAsync()
    {
        var user = await CurrentUserAsync();
        if (!await users.CheckPasswordAsync(user, CurrentPassword))
        {
            return await FailAsync(user, [text["Your current password is not right."]]);
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await LoadAsync(user);
        await ShowKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmTwoFactorAsync()
    {
        var user = await CurrentUserAsync();
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await LoadAsync(user);
            await ShowKeyAsync(user);
            Errors = [text["That code is not right. Check the time on your phone and try the newest code."]];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await audit.RecordAsync(AuditActions.TwoFactorEnabled, $"user {user.Email}");
        await LoadAsync(user);
        Done = text["Two-factor sign-in is on. Keep these recovery codes somewhere safe: each works once if you lose your phone."];
        return Page();
    }

    public async Task<IActionResult> OnPostDisableTwoFactorAsync()
    {
        var user = await CurrentUserAsync();
        if (!await users.CheckPasswordAsync(user, CurrentPassword))
        {
            return await FailAsync(user, [text["Your current password is not right."]]);
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditActions.TwoFactorDisabled, $"user {user.Email}");
        Done = text["Two-factor sign-in is off."];
        return Redirect("/admin/account");
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        var user = await CurrentUserAsync();
        if (!await users.CheckPasswordAsync(user, CurrentPassword))
        {
            return await FailAsync(user, [text["Your current password is not right."]]);
        }

        await users.UpdateSecurityStampAsync(user);
        await SignInSessions.EndAllAsync(HttpContext.RequestServices.GetRequiredService<Data.BayanDb>(), user.Id);
        await Api.ApiTokens.RevokeAllAsync(HttpContext, user.Id);
        await audit.RecordAsync(AuditActions.SignedOutEverywhere, $"user {user.Email}");
        await signIn.SignOutAsync();
        return Redirect("/admin/sign-in");
    }

    private async Task<BayanUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in user without an account.");

    private async Task LoadAsync(BayanUser user)
    {
        Meta.Title = text["Your account"];
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        MustChangePassword = user.MustChangePassword;
    }

    private async Task ShowKeyAsync(BayanUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        AuthenticatorKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var issuer = Uri.EscapeDataString(Catalog.Identity.Names.Get("en"));
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer={issuer}&digits=6";
        using var data = new QRCodeGenerator().CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    private async Task<IActionResult> FailAsync(BayanUser user, IEnumerable<string> errors)
    {
        await LoadAsync(user);
        Errors = errors.ToList();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
