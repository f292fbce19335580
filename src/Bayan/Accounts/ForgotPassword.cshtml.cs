using System.ComponentModel.DataAnnotations;
using Bayan.Admin;
using Bayan.Audit;
using Bayan.Core.Audit;
using Bayan.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Bayan.Accounts;

/// <summary>
/// Asking for a password-reset link by email. The answer is the same, after the same work, for any address: the message
/// is only queued here (see <see cref="Mailer"/>). Links are built from Bayan:PublicUrl, never from the request's Host
/// header, which a stranger could forge to receive someone else's link.
/// </summary>
[EnableRateLimiting(AccountsFeature.SignInLimit)]
public sealed class ForgotPasswordModel(
    UserManager<BayanUser> users,
    Mailer mailer,
    AuditLog audit,
    IOptions<SiteOptions> site,
    IStringLocalizer<SharedResource> text) : AccountPage
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    /// <summary>Whether reset links can be sent: mail is configured, and so is the public address they point to.</summary>
    public bool CanSend => mailer.CanSend && !string.IsNullOrWhiteSpace(site.Value.PublicUrl);

    public void OnGet() => Meta.Title = text["Forgotten password"];

    public async Task<IActionResult> OnPostAsync()
    {
        Meta.Title = text["Forgotten password"];
        if (!CanSend || !ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email);
        if (user is { DisabledAt: null, Email: { } address })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{site.Value.PublicUrl!.TrimEnd('/')}/admin/reset-password?email={Uri.EscapeDataString(address)}&token={Uri.EscapeDataString(token)}";
            mailer.Enqueue(
                address,
                text["Choose a new password for {0}", SiteName],
                string.Join("\n\n", [
                    text["Someone, probably you, asked to choose a new password for your account on {0}.", SiteName],
                    text["To choose one, open this link within an hour:"] + "\n" + link,
                    text["If you did not ask, ignore this message: your password stays as it is."]]));
            await audit.RecordAsync(AuditActions.PasswordResetRequested, $"user {address}", userId: user.Id, userName: address);
        }
        else
        {
            await audit.RecordAsync(AuditActions.PasswordResetRequested, $"email {Email}", "no such account", userName: Email);
        }

        Sent = true;
        return Page();
    }
}
