namespace Bayan.Api;

/// <summary>
/// A personal API token: a team member's key for scripts, acting with that member's roles, narrowed to its scopes.
/// The token itself is shown once, when it is made; only its SHA-256 is kept.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>What the person called it ("newsroom importer"), to tell their tokens apart.</summary>
    public string Name { get; set; } = "";

    /// <summary>The token's first characters, shown in lists so a leaked token can be recognized and revoked.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the whole token, in hexadecimal. A token is 256 random bits, so a fast hash is enough.</summary>
    public string Hash { get; set; } = "";

    public ApiScopes Scopes { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>Updated at most once a minute, so reading it costs no write per request.</summary>
    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsActive(DateTime now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>What a token may do, on top of what its owner's roles allow: reading public content needs no token at all.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>Read statements that are not public: drafts, those in review, scheduled ones, pending corrections.</summary>
    ReadDrafts = 1,

    /// <summary>Create and change statements, translations and attachments; submit and discard drafts.</summary>
    Write = 2,

    /// <summary>Publish, schedule, correct and withdraw.</summary>
    Publish = 4,
}

public static class ApiScopeNames
{
    public const string ReadDrafts = "read-drafts";

    public const string Write = "write";

    public const string Publish = "publish";

    public static IReadOnlyList<(ApiScopes Scope, string Name)> All { get; } =
        [(ApiScopes.ReadDrafts, ReadDrafts), (ApiScopes.Write, Write), (ApiScopes.Publish, Publish)];

    public static IReadOnlyList<string> Of(ApiScopes scopes) => All.Where(s => scopes.HasFlag(s.Scope)).Select(s => s.Name).ToList();
}
