using System.Security.Claims;
using Bayan.Core.Statements;

namespace Bayan.Publishing;

/// <summary>Who is acting, and what their roles let them do; built from the signed-in user (or API token) on every request.</summary>
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

    /// <summary>
    /// Whether the actor may change the statement itself (its details, its original text, its attachments, its place in
    /// the workflow before publication): editors always; authors their own statements until they are published. Anyone
    /// else with a role works on it as a translator.
    /// </summary>
    public bool MayChange(Statement statement) =>
        CanPublish || (CanWrite && statement.Status is StatementStatus.Draft or StatementStatus.InReview && IsAuthorOf(statement));

    /// <summary>A statement not yet saved is the actor's own; one saved without an author (imported, demo) is nobody's.</summary>
    public bool IsAuthorOf(Statement statement) => statement.Id == 0 || (statement.CreatedById is not null && statement.CreatedById == UserId);
}
