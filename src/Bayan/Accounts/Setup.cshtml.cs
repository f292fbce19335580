using System.ComponentModel.DataAnnotations;
using Bayan.Admin;
using Bayan.Audit;
using Bayan.Core.Audit;
using Bayan.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Accounts;

/// <summary>Creates the first administrator, with the one-time token printed on the server's console.</summary>
[EnableRateLimiting(AccountsFeature.SignInLimit)]
public sealed class SetupModel(
    FirstAdministratorSetup setup,
    UserManager<BayanUser> users,
    SignInManager<BayanUser> signIn,
    BayanDb db,
    AuditLog audit,
    TimeProvider time,
    IStringLocalizer<Shared.SharedResource> text) : AccountPage
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(100)]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Meta.Title = text["Create the first administrator"];
        return await UsableAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Meta.Title = text["Create the first administrator"];
        if (!await UsableAsync())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new BayanUser
        {
            UserName = Email.Trim(),
            Email = Email.Trim(),
            DisplayName = DisplayName.Trim(),
            EmailConfirmed = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            Errors = created.Errors.Select(e => e.Description).ToList();
            return Page();
        }

        await AccountsSetup.EnsureRolesAsync(db);
        await users.AddToRoleAsync(user, Roles.Administrator);
        setup.Consume();
        await audit.RecordAsync(AuditActions.AdministratorCreated, $"user {user.Email}", "first administrator, from the setup link", user.Id, user.Email);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/admin");
    }

    /// <summary>The page exists only while there is no user and only for the holder of the token.</summary>
    private async Task<bool> UsableAsync() => setup.Accepts(Token) && !await db.Users.AnyAsync(HttpContext.RequestAborted);
}
