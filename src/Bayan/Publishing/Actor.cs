using System.Security.Claims;

namespace Bayan.Publishing;

/// <summary>Who is acting, and what their roles let them do; built from the signed-in user on every request.</summary>
public sealed record Actor(string? UserId, string Name, IReadOnlySet<string> Roles)
{
    /// <summary>The scheduled-publishing service, acting on an editor's earlier decision.</summary>
    public static Actor Scheduler { get; } = new(null, "scheduler", new HashSet<string> { Accounts.Roles.Editor });

    public static Actor From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(Accounts.TeamMemberClaims.DisplayName) ?? user.Identity?.Name ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet());

    public bool CanPublish => Roles.Contains(Accounts.Roles.Administrator) || Roles.Contains(Accounts.Roles.Editor);

    public bool CanWrite => CanPublish || Roles.Contains(Accounts.Roles.Author);

    public bool CanTranslate => CanWrite || Roles.Contains(Accounts.Roles.Translator);
}
