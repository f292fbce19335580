using Bayan.Accounts;
using Bayan.Core.Audit;
using Bayan.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Admin;

/// <summary>The audit log, newest first, filtered by action, person and day. Administrators only.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class AuditModel(BayanDb db, IStringLocalizer<Shared.SharedResource> text) : BackOfficePage
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>From ?page=, read by hand: Razor Pages keeps the route value "page" for the page's own name.</summary>
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public bool HasNext { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Meta.Title = text["Audit log"];
        if (Request.Query.TryGetValue("page", out var page))
        {
            if (page.Count != 1 || !int.TryParse(page[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > 100_000)
            {
                return BadRequest();
            }

            PageNumber = number;
        }

        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Action))
        {
            query = query.Where(e => e.Action == Action);
        }

        if (!string.IsNullOrWhiteSpace(Person))
        {
            var person = Person.Trim();
            query = query.Where(e => e.UserName != null && e.UserName.Contains(person));
        }

        if (From is { } from)
        {
            // Days are the organization's days, as the table shows them.
            var start = Catalog.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = Catalog.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.At < end);
        }

        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(HttpContext.RequestAborted);
        HasNext = rows.Count > PageSize;
        Events = rows.Take(PageSize).ToList();
        Actions = typeof(AuditActions).GetFields().Select(f => (string)f.GetValue(null)!).OrderBy(Describe).ToList();
        return Page();
    }

    public string PageLink(int page) =>
        "/admin/audit" + QueryString.Create(new Dictionary<string, string?>
        {
            ["action"] = Action,
            ["person"] = Person,
            ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));

    /// <summary>What an action code means, in the editor's language.</summary>
    public string Describe(string action) => text[action switch
    {
        AuditActions.SignedIn => "Signed in",
        AuditActions.SignInFailed => "Sign-in failed",
        AuditActions.LockedOut => "Account paused after failed sign-ins",
        AuditActions.SignedOut => "Signed out",
        AuditActions.SignedOutEverywhere => "Signed out everywhere",
        AuditActions.AdministratorCreated => "First administrator created",
        AuditActions.UserCreated => "Team member added",
        AuditActions.PasswordReset => "Password reset",
        AuditActions.PasswordResetRequested => "Password reset requested",
        AuditActions.PasswordChanged => "Password changed",
        AuditActions.TwoFactorEnabled => "Two-factor sign-in turned on",
        AuditActions.TwoFactorDisabled => "Two-factor sign-in turned off",
        AuditActions.RolesChanged => "Role changed",
        AuditActions.Unlocked => "Account unlocked",
        AuditActions.UserDisabled => "Account disabled",
        AuditActions.UserEnabled => "Account enabled",
        AuditActions.UserRemoved => "Team member removed",
        AuditActions.Submitted => "Submitted for review",
        AuditActions.SentBack => "Sent back to draft",
        AuditActions.Scheduled => "Scheduled",
        AuditActions.Published => "action: published",
        AuditActions.Corrected => "Changes published",
        AuditActions.Unpublished => "Unpublished",
        AuditActions.Restored => "Restored from the trash",
        AuditActions.Withdrawn => "Withdrawn",
        AuditActions.Reinstated => "Reinstated",
        AuditActions.Deleted => "Moved to the trash",
        AuditActions.AttachmentAdded => "Attachment added",
        AuditActions.AttachmentRemoved => "Attachment removed",
        AuditActions.AttachmentCaptioned => "Captions changed",
        AuditActions.SettingsChanged => "Settings changed",
        AuditActions.TokenCreated => "API token made",
        AuditActions.TokenRevoked => "API token revoked",
        AuditActions.WebhookChanged => "Webhook changed",
        _ => action,
    }];
}
