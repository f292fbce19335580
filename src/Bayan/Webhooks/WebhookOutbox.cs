using System.Security.Cryptography;
using System.Text.Json;
using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Webhooks;

/// <summary>
/// Puts an event's deliveries in the database beside the change it reports, before that change is saved, so both are
/// saved or neither is; after the commit, <see cref="Nudge"/> wakes the dispatcher.
/// </summary>
public sealed class WebhookOutbox(BayanDb db, TimeProvider time, SiteUrls urls, WebhookDispatcher dispatcher)
{
    public const int MaxUrlLength = 500;

    /// <summary>
    /// Adds a delivery of the event <paramref name="action"/> announces to every webhook that receives it; a paused
    /// webhook's wait until it is resumed.
    /// </summary>
    public async Task AddAsync(string action, Statement statement, CancellationToken cancellationToken)
    {
        if (WebhookEvents.Of(action) is not { } type)
        {
            return;
        }

        var hooks = (await db.Webhooks.AsNoTracking().ToListAsync(cancellationToken)).Where(w => w.Receives(type)).ToList();
        if (hooks.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var payload = JsonSerializer.Serialize(new WebhookPayload(type, now, Describe(statement)), Api.ApiFeature.Json);
        foreach (var hook in hooks)
        {
            db.WebhookDeliveries.Add(New(hook.Id, type, statement.Id, payload, now));
        }
    }

    /// <summary>A "ping" to one webhook, saved at once: what the test button sends.</summary>
    public async Task PingAsync(int webhookId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var payload = JsonSerializer.Serialize(new WebhookPayload(WebhookEvents.Ping, now, new { webhook_id = webhookId }), Api.ApiFeature.Json);
        db.WebhookDeliveries.Add(New(webhookId, WebhookEvents.Ping, null, payload, now));
        await db.SaveChangesAsync(cancellationToken);
        Nudge();
    }

    public void Nudge() => dispatcher.Nudge();

    /// <summary>The statement as the event leaves it: its state, dates and public addresses (what a mirror needs to fetch it).</summary>
    private WebhookStatement Describe(Statement statement) => new(
        statement.Id,
        statement.Status.ToString().ToLowerInvariant(),
        statement.PublishedAt,
        statement.UpdatedAt,
        statement.WithdrawnAt,
        urls.TryAbsolute($"/api/v1/statements/{statement.Id}"),
        statement.Translations.Where(t => t.IsPublished).OrderBy(t => t.Language, StringComparer.Ordinal).ToDictionary(
            t => t.Language,
            t => new WebhookTranslation(t.Title, Paths.Statement(t.Language, statement.Id, t.Slug), urls.TryAbsolute(Paths.Statement(t.Language, statement.Id, t.Slug)))));

    private static WebhookDelivery New(int webhookId, string type, int? statementId, string payload, DateTime now) => new()
    {
        WebhookId = webhookId,
        MessageId = "msg_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant(),
        Event = type,
        StatementId = statementId,
        Payload = payload,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}

/// <summary>The body of every delivery, after Standard Webhooks: what happened, when, and to what.</summary>
public sealed record WebhookPayload(string Type, DateTime Timestamp, object Data);

public sealed record WebhookStatement(
    int Id, string Status, DateTime? PublishedAt, DateTime? UpdatedAt, DateTime? WithdrawnAt, string? ApiUrl, IReadOnlyDictionary<string, WebhookTranslation> Translations);

/// <summary>A published translation: its title and address (absolute when the site knows its public URL).</summary>
public sealed record WebhookTranslation(string Title, string Path, string? Url);
