using System.Security.Claims;
using Bayan.Accounts;
using Bayan.Audit;
using Bayan.Data;
using Bayan.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Api;

/// <summary>Makes, lists, revokes and recognizes personal API tokens.</summary>
public sealed class ApiTokens(BayanDb db, AuditLog audit, TimeProvider time, Shared.Catalog catalog, IStringLocalizer<Shared.SharedResource> text)
{
    /// <summary>Every token starts so; secret scanners (and people) can tell what a leaked string is.</summary>
    public const string Marker = "bayan_";

    public static readonly int[] AllowedDays = [7, 30, 90, 365];

    public const string ScopeClaim = "bayan:scope";

    public const string TokenClaim = "bayan:token";

    public const int MaxPerPerson = 50;

    /// <summary>Makes a token for the actor; the token is returned once and never stored.</summary>
    public async Task<(Outcome Outcome, string? Token)> CreateAsync(string? name, ApiScopes scopes, int days, Actor actor, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        if (actor.UserId is null || !actor.CanTranslate)
        {
            return (Outcome.Forbidden(text["Your role does not allow this. Ask an administrator if you need it."]), null);
        }

        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return (Outcome.Refused(text["Name the token (up to 100 characters), so you know later what uses it."]), null);
        }

        if (scopes == ApiScopes.None)
        {
            return (Outcome.Refused(text["Choose at least one thing the token may do."]), null);
        }

        if (scopes.HasFlag(ApiScopes.Publish) && !actor.CanPublish)
        {
            return (Outcome.Forbidden(text["Only editors and administrators can make a token that publishes."]), null);
        }

        if (!AllowedDays.Contains(days))
        {
            return (Outcome.Refused(text["Choose how long the token works."]), null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (await db.ApiTokens.CountAsync(t => t.UserId == actor.UserId && t.RevokedAt == null && t.ExpiresAt > now, cancellationToken) >= MaxPerPerson)
        {
            return (Outcome.Refused(text["You have {0} tokens working: revoke one you no longer use first.", MaxPerPerson]), null);
        }

        var token = Marker + Shared.SecretTokens.New(32);
        db.ApiTokens.Add(new ApiToken
        {
            UserId = actor.UserId,
            Name = name,
            Prefix = token[..(Marker.Length + 6)],
            Hash = Hash(token),
            Scopes = scopes,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        });
        audit.Add(Core.Audit.AuditActions.TokenCreated, $"user {actor.UserId}", $"{name}: {string.Join(", ", ApiScopeNames.Of(scopes))}, {days} days", actor.UserId, actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        return (Outcome.Done(0), token);
    }

    /// <summary>Ends a token now. People revoke their own; administrators anyone's.</summary>
    public async Task<Outcome> RevokeAsync(int tokenId, Actor actor, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        if (token is null || (token.UserId != actor.UserId && !actor.Roles.Contains(Roles.Administrator)))
        {
            return Outcome.NotFound(text["This token does not exist."]);
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow().UtcDateTime;
            audit.Add(Core.Audit.AuditActions.TokenRevoked, $"user {token.UserId}", token.Name, actor.UserId, actor.Name);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome.Done(0);
    }

    public Task<List<ApiToken>> OfAsync(string userId, CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.RevokedAt == null).ThenByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>
    /// The person a token acts for, with their roles as they are now and the token's scopes; or why the token is
    /// refused (unknown, revoked, expired, its owner disabled), in words for the client.
    /// </summary>
    public async Task<(ClaimsPrincipal? User, string? Failure)> AuthenticateAsync(string token, string scheme, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Marker, StringComparison.Ordinal) || token.Length > 100)
        {
            return (null, "This is not a Bayan API token.");
        }

        var hash = Hash(token);
        var found = await db.ApiTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Select(t => new { Token = t, User = db.Users.First(u => u.Id == t.UserId) })
            .FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (found is null)
        {
            return (null, "The token is not known here.");
        }

        if (found.Token.RevokedAt is not null)
        {
            return (null, "The token was revoked.");
        }

        if (found.Token.ExpiresAt <= now)
        {
            return (null, "The token has expired.");
        }

        if (found.User.DisabledAt is not null)
        {
            return (null, "The token's account is disabled.");
        }

        // The account must be in the state the back office requires before it lets anyone in.
        if (found.User.MustChangePassword)
        {
            return (null, "The token's account must choose a new password in the back office first.");
        }

        if ((await catalog.GetAsync(cancellationToken)).Identity.RequireTwoFactor && !found.User.TwoFactorEnabled)
        {
            return (null, "This site requires two-factor sign-in: the token's account must turn it on in the back office first.");
        }

        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           where link.UserId == found.User.Id
                           select role.Name).ToListAsync(cancellationToken);
        if (found.Token.LastUsedAt is null || found.Token.LastUsedAt < now.AddMinutes(-1))
        {
            await db.ApiTokens.Where(t => t.Id == found.Token.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        }

        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, found.User.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, found.User.Email ?? found.User.Id));
        identity.AddClaim(new Claim(TeamMemberClaims.DisplayName, string.IsNullOrWhiteSpace(found.User.DisplayName) ? found.User.Email ?? "" : found.User.DisplayName));
        identity.AddClaim(new Claim(TokenClaim, found.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var role in roles.OfType<string>())
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        foreach (var scope in ApiScopeNames.Of(found.Token.Scopes))
        {
            identity.AddClaim(new Claim(ScopeClaim, scope));
        }

        return (new ClaimsPrincipal(identity), null);
    }

    /// <summary>
    /// Revokes every token of an account: when it signs out everywhere, is given a new password by an administrator or a
    /// reset link, or is disabled — whatever a stolen session could have made must end with it.
    /// </summary>
    public static Task RevokeAllAsync(HttpContext context, string userId)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return context.RequestServices.GetRequiredService<BayanDb>().ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now));
    }

    internal static string Hash(string token) => Shared.SecretTokens.Hash(token);

}
