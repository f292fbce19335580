using Bayan.Accounts;
using Bayan.Admin;
using Bayan.Audit;
using Bayan.Core.Audit;
using Bayan.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Webhooks;

/// <summary>
/// Webhooks for administrators: register an address and the events it receives (its signing secret shown once), send
/// it a test, pause, delete or give it a new secret, and read its delivery log, sending a failed delivery again.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class WebhooksModel(BayanDb db, WebhookOutbox outbox, AuditLog audit, TimeProvider time, IStringLocalizer<Shared.SharedResource> text)
    : BackOfficePage
{
    public const int MaxWebhooks = 20;

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public List<string> Events { get; set; } = [.. WebhookEvents.All];

    public IReadOnlyList<Webhook> Hooks { get; private set; } = [];

    /// <summary>Each webhook's newest deliveries, newest first.</summary>
    public ILookup<int, WebhookDelivery> Deliveries { get; private set; } = Enumerable.Empty<WebhookDelivery>().ToLookup(d => d.WebhookId);

    /// <summary>A secret just made (with its webhook), on this response only.</summary>
    public (int WebhookId, string Secret)? NewSecret { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var url = Address?.Trim() ?? "";
        var errors = new List<string>();
        if (url.Length > WebhookOutbox.MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http"))
        {
            errors.Add(text["Give the receiver's full address, starting with https://."]);
        }

        var events = WebhookEvents.All.Where(Events.Contains).ToList();
        if (events.Count == 0)
        {
            errors.Add(text["Choose at least one event to send."]);
        }

        if (Description?.Trim().Length > 200)
        {
            errors.Add(text["A description can be at most 200 characters."]);
        }

        if (await db.Webhooks.CountAsync() >= MaxWebhooks)
        {
            errors.Add(text["A site can have at most {0} webhooks.", MaxWebhooks]);
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }

        var hook = new Webhook
        {
            Url = url,
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            Events = string.Join(' ', events),
            Secret = WebhookDispatcher.NewSecret(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Webhooks.Add(hook);
        audit.Add(AuditActions.WebhookChanged, url, "added: " + hook.Events);
        await db.SaveChangesAsync();
        NewSecret = (hook.Id, hook.Secret);
        Address = null;
        Description = null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(int webhook)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == webhook))
        {
            return NotFound();
        }

        await outbox.PingAsync(webhook, HttpContext.RequestAborted);
        Done = text["Test sent. Its result shows in the delivery log in a few seconds: reload the page."];
        return Redirect("/admin/webhooks");
    }

    public async Task<IActionResult> OnPostPauseAsync(int webhook) => await ChangeAsync(webhook, hook =>
    {
        hook.IsActive = !hook.IsActive;
        return hook.IsActive ? text["Webhook resumed: waiting deliveries are sent now."] : text["Webhook paused: events wait until it is resumed."];
    });

    public async Task<IActionResult> OnPostSecretAsync(int webhook)
    {
        var hook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == webhook);
        if (hook is null)
        {
            return NotFound();
        }

        hook.Secret = WebhookDispatcher.NewSecret();
        audit.Add(AuditActions.WebhookChanged, hook.Url, "new secret");
        await db.SaveChangesAsync();
        NewSecret = (hook.Id, hook.Secret);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int webhook)
    {
        var hook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == webhook);
        if (hook is null)
        {
            return NotFound();
        }

        db.Webhooks.Remove(hook);
        audit.Add(AuditActions.WebhookChanged, hook.Url, "deleted");
        await db.SaveChangesAsync();
        Done = text["Webhook deleted, with its delivery log."];
        return Redirect("/admin/webhooks");
    }

    /// <summary>Sends a delivery again from its first attempt: for a receiver that was down longer than the retries.</summary>
    public async Task<IActionResult> OnPostRedeliverAsync(int delivery)
    {
        var found = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == delivery);
        if (found is null)
        {
            return NotFound();
        }

        found.FailedAt = null;
        found.DeliveredAt = null;
        found.Attempts = 0;
        found.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        found.LockedUntil = null;
        await db.SaveChangesAsync();
        outbox.Nudge();
        Done = text["Sending again. Its result shows in the delivery log in a few seconds: reload the page."];
        return Redirect("/admin/webhooks");
    }

    private async Task<IActionResult> ChangeAsync(int webhook, Func<Webhook, string> change)
    {
        var hook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == webhook);
        if (hook is null)
        {
            return NotFound();
        }

        Done = change(hook);
        audit.Add(AuditActions.WebhookChanged, hook.Url, hook.IsActive ? "resumed" : "paused");
        await db.SaveChangesAsync();
        outbox.Nudge();
        return Redirect("/admin/webhooks");
    }

    private async Task LoadAsync()
    {
        Meta.Title = text["Webhooks"];
        Hooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.Id).ToListAsync();
        var recent = new List<WebhookDelivery>();
        foreach (var hook in Hooks)
        {
            recent.AddRange(await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == hook.Id)
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(10).ToListAsync());
        }

        Deliveries = recent.ToLookup(d => d.WebhookId);
    }
}
