namespace Bayan.Webhooks;

/// <summary>An address an administrator registered to be told, by a signed POST, when statements change in public.</summary>
public sealed class Webhook
{
    public int Id { get; set; }

    public string Url { get; set; } = "";

    /// <summary>What it is for ("mirror at partner.org"), for the administrators.</summary>
    public string? Description { get; set; }

    /// <summary>The signing key, "whsec_" and 32 random bytes in base64 (Standard Webhooks); shown once when made.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The events it receives, space-separated (see <see cref="WebhookEvents"/>).</summary>
    public string Events { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public bool Receives(string eventType) => Events.Split(' ').Contains(eventType);
}

/// <summary>
/// One event on its way to one webhook: written in the same transaction as the change it reports (so no published
/// statement goes unannounced and nothing is announced that was not done), then sent and retried by <see cref="WebhookDispatcher"/>.
/// </summary>
public sealed class WebhookDelivery
{
    public int Id { get; set; }

    public int WebhookId { get; set; }

    /// <summary>The same on every attempt, so a receiver can tell a retry from a new event (header webhook-id).</summary>
    public string MessageId { get; set; } = "";

    public string Event { get; set; } = "";

    public int? StatementId { get; set; }

    /// <summary>The JSON body, fixed when the event happened.</summary>
    public string Payload { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    /// <summary>The receiver's status code on the last attempt; null when it could not be reached.</summary>
    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTime? DeliveredAt { get; set; }

    /// <summary>Set when the retries ran out (or the receiver answered 410 Gone).</summary>
    public DateTime? FailedAt { get; set; }

    /// <summary>An instance sending it holds it until then, so two instances never send the same delivery at once.</summary>
    public DateTime? LockedUntil { get; set; }
}

public static class WebhookEvents
{
    public const string Published = "statement.published";

    public const string Corrected = "statement.corrected";

    public const string Withdrawn = "statement.withdrawn";

    public const string Reinstated = "statement.reinstated";

    public const string Unpublished = "statement.unpublished";

    /// <summary>Sent by the "send a test" button, to the one webhook.</summary>
    public const string Ping = "ping";

    public static IReadOnlyList<string> All { get; } = [Published, Corrected, Withdrawn, Reinstated, Unpublished];

    /// <summary>The event a workflow action (an audit action code) announces, if any.</summary>
    public static string? Of(string action) => action switch
    {
        Core.Audit.AuditActions.Published => Published,
        Core.Audit.AuditActions.Corrected => Corrected,
        Core.Audit.AuditActions.Withdrawn => Withdrawn,
        Core.Audit.AuditActions.Reinstated => Reinstated,
        Core.Audit.AuditActions.Unpublished => Unpublished,
        _ => null,
    };
}
