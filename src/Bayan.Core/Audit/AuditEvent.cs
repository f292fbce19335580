namespace Bayan.Core.Audit;

/// <summary>One thing that happened in the back office: who did what, when, and from which address.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The user's id, or null when nobody was signed in (a failed sign-in, the first setup).</summary>
    public string? UserId { get; set; }

    /// <summary>The email or name as it was at the time, so the record stays readable after the account changes.</summary>
    public string? UserName { get; set; }

    /// <summary>What happened, as one of <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What it happened to: "statement 12", "user editor@example.org", "setting Site".</summary>
    public string? Subject { get; set; }

    public string? Details { get; set; }

    public string? IpAddress { get; set; }
}

public static class AuditActions
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "signed-out";
    public const string SignedOutEverywhere = "signed-out-everywhere";
    public const string AdministratorCreated = "administrator-created";
    public const string UserCreated = "user-created";
    public const string PasswordReset = "password-reset";
    public const string PasswordResetRequested = "password-reset-requested";
    public const string UserDisabled = "user-disabled";
    public const string UserEnabled = "user-enabled";
    public const string UserRemoved = "user-removed";
    public const string PasswordChanged = "password-changed";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string RolesChanged = "roles-changed";
    public const string Unlocked = "unlocked";
    public const string Submitted = "submitted";
    public const string SentBack = "sent-back";
    public const string Scheduled = "scheduled";
    public const string Published = "published";
    public const string Corrected = "corrected";
    public const string Unpublished = "unpublished";
    public const string Restored = "restored";
    public const string Withdrawn = "withdrawn";
    public const string Reinstated = "reinstated";
    public const string Deleted = "deleted";
    public const string AttachmentAdded = "attachment-added";
    public const string AttachmentRemoved = "attachment-removed";
    public const string AttachmentCaptioned = "attachment-captioned";
    public const string SettingsChanged = "settings-changed";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string WebhookChanged = "webhook-changed";
    public const string SigningKeyCreated = "signing-key-created";
    public const string SigningKeyRevoked = "signing-key-revoked";
    public const string ChangesSigned = "changes-signed";
}
