using Bayan.Admin;
using Bayan.Audit;
using Bayan.Core.Audit;
using Bayan.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Accounts;

/// <summary>
/// The team: administrators add people, change their role, give them a new password, disable, enable or remove their
/// account, and lift lockouts; each change but the last is confirmed with the administrator's own password.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class UsersModel(
    BayanDb db,
    UserManager<BayanUser> users,
    AuditLog audit,
    TimeProvider time,
    IStringLocalizer<Shared.SharedResource> text) : BackOfficePage
{
    public IReadOnlyList<TeamMember> Members { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The signed-in administrator's account id.</summary>
    public string? MyId => users.GetUserId(User);

    [TempData]
    public string? Done { get; set; }

    /// <summary>A new member's generated password, shown once (carried across the redirect in a cookie, never the URL).</summary>
    [TempData]
    public string? NewPassword { get; set; }

    /// <summary>What was typed in the add form, shown again when it is refused.</summary>
    public (string Email, string? Name, string Role) Typed { get; private set; } = ("", null, Roles.Translator);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync(string? email, string? name, string? role, string? currentPassword)
    {
        Typed = (email ?? "", name, role ?? Roles.Translator);
        if (await RefuseAsync(currentPassword, role) is { } refused)
        {
            return refused;
        }

        var address = (email ?? "").Trim();
        var user = new BayanUser
        {
            UserName = address,
            Email = address,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(name) ? address : name.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            MustChangePassword = true,
        };
        var password = Passwords.Generate();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return await FailAsync(created.Errors.Select(e => e.Description));
        }

        await users.AddToRoleAsync(user, Roles.Find(role)!);
        await audit.RecordAsync(AuditActions.UserCreated, $"user {address}", $"role {Roles.Find(role)}");
        NewPassword = password;
        Done = text["{0} was added. Give them this password, shown only once; they choose their own when they first sign in.", address];
        return Redirect("/admin/users");
    }

    public async Task<IActionResult> OnPostRoleAsync(string userId, string? role, string? currentPassword)
    {
        if (await RefuseAsync(currentPassword, role) is { } refused)
        {
            return refused;
        }

        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound();
        }

        // Only administrators who can sign in count: a disabled one cannot take over.
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && role != Roles.Administrator
            && !(await users.GetUsersInRoleAsync(Roles.Administrator)).Any(a => a.DisabledAt is null && a.Id != user.Id))
        {
            return await FailAsync([text["The site must keep at least one administrator."]]);
        }

        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, Roles.Find(role)!);
        // The new role applies at once: the person's sessions are renewed with it.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(AuditActions.RolesChanged, $"user {user.Email}", $"{string.Join(", ", current)} → {Roles.Find(role)}");
        Done = text["{0} is now {1}.", user.Email ?? "", RoleName(Roles.Find(role)!)];
        return Redirect("/admin/users");
    }

    /// <summary>A generated password, shown once, that the person replaces at their next sign-in; their sessions end.</summary>
    public Task<IActionResult> OnPostResetPasswordAsync(string userId, string? currentPassword) =>
        ManageAsync(userId, currentPassword, refuseOwnAccount: true, async user =>
        {
            var password = Passwords.Generate();
            var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
            if (!reset.Succeeded)
            {
                return await FailAsync(reset.Errors.Select(e => e.Description));
            }

            user.MustChangePassword = true;
            await users.UpdateSecurityStampAsync(user);
            await SignInSessions.EndAllAsync(db, user.Id);
            await Api.ApiTokens.RevokeAllAsync(HttpContext, user.Id);
            await audit.RecordAsync(AuditActions.PasswordReset, $"user {user.Email}", "by an administrator");
            NewPassword = password;
            Done = text["{0} has a new password. Give it to them, shown only once; they choose their own when they next sign in.", user.Email ?? ""];
            return Redirect("/admin/users");
        });

    /// <summary>A disabled account cannot sign in and its open sessions end at once; its work and history stay.</summary>
    public Task<IActionResult> OnPostDisableAsync(string userId, string? currentPassword) =>
        ManageAsync(userId, currentPassword, refuseOwnAccount: true, async user =>
        {
            user.DisabledAt = time.GetUtcNow().UtcDateTime;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            await SignInSessions.EndAllAsync(db, user.Id);
            await Api.ApiTokens.RevokeAllAsync(HttpContext, user.Id);
            await audit.RecordAsync(AuditActions.UserDisabled, $"user {user.Email}");
            Done = text["{0} can no longer sign in.", user.Email ?? ""];
            return Redirect("/admin/users");
        });

    public Task<IActionResult> OnPostEnableAsync(string userId, string? currentPassword) =>
        ManageAsync(userId, currentPassword, refuseOwnAccount: false, async user =>
        {
            user.DisabledAt = null;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            await users.UpdateAsync(user);
            await audit.RecordAsync(AuditActions.UserEnabled, $"user {user.Email}");
            Done = text["{0} can sign in again.", user.Email ?? ""];
            return Redirect("/admin/users");
        });

    /// <summary>Removes the account. Revisions and the audit log keep the name it had.</summary>
    public Task<IActionResult> OnPostRemoveAsync(string userId, string? currentPassword) =>
        ManageAsync(userId, currentPassword, refuseOwnAccount: true, async user =>
        {
            await SignInSessions.EndAllAsync(db, user.Id);
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                return await FailAsync(deleted.Errors.Select(e => e.Description));
            }

            await audit.RecordAsync(AuditActions.UserRemoved, $"user {user.Email}", user.DisplayName);
            Done = text["{0} was removed from the team.", user.Email ?? ""];
            return Redirect("/admin/users");
        });

    public async Task<IActionResult> OnPostUnlockAsync(string userId)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound();
        }

        // A disabled account stays locked until an administrator enables it (with their password).
        if (user.DisabledAt is not null)
        {
            return await FailAsync([text["This account is disabled: enable it under Manage."]]);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(AuditActions.Unlocked, $"user {user.Email}");
        Done = text["{0} can sign in again.", user.Email ?? ""];
        return Redirect("/admin/users");
    }

    /// <summary>Checks the administrator's password and the target account, then makes the change.</summary>
    private async Task<IActionResult> ManageAsync(string userId, string? currentPassword, bool refuseOwnAccount, Func<BayanUser, Task<IActionResult>> change)
    {
        var me = await users.GetUserAsync(User);
        if (me is null || !await users.CheckPasswordAsync(me, currentPassword ?? ""))
        {
            return await FailAsync([text["Your current password is not right."]]);
        }

        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null)
        {
            return NotFound();
        }

        if (refuseOwnAccount && user.Id == me.Id)
        {
            return await FailAsync([text["Your own account is changed on your account page; another administrator can disable or remove it."]]);
        }

        return await change(user);
    }

    public string RoleName(string role) => role switch
    {
        Roles.Administrator => text["Administrator"],
        Roles.Editor => text["Editor"],
        Roles.Author => text["Author"],
        _ => text["Translator"],
    };

    private async Task<IActionResult?> RefuseAsync(string? currentPassword, string? role)
    {
        var me = await users.GetUserAsync(User);
        if (me is null || !await users.CheckPasswordAsync(me, currentPassword ?? ""))
        {
            return await FailAsync([text["Your current password is not right."]]);
        }

        return Roles.Find(role ?? "") is null ? await FailAsync([text["Choose a role."]]) : null;
    }

    private async Task<IActionResult> FailAsync(IEnumerable<string> errors)
    {
        await LoadAsync();
        Errors = errors.ToList();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync()
    {
        Meta.Title = text["Team"];
        var now = time.GetUtcNow();
        Members = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new TeamMember(
                u.Id,
                u.Email ?? "",
                u.DisplayName,
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).FirstOrDefault() ?? "",
                u.TwoFactorEnabled,
                u.DisabledAt == null && u.LockoutEnd != null && u.LockoutEnd > now,
                u.DisabledAt != null,
                u.MustChangePassword))
            .ToListAsync(HttpContext.RequestAborted);
    }
}

public sealed record TeamMember(string Id, string Email, string Name, string Role, bool TwoFactor, bool LockedOut, bool Disabled, bool MustChangePassword);
