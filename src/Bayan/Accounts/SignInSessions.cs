using Bayan.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Accounts;

/// <summary>One signed-in browser: the session cookie carries only <see cref="Id"/>; the rest stays on the server.</summary>
public sealed class SignInSession
{
    /// <summary>A random key (128 bits), what the protected cookie holds.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary>The authentication ticket (claims and expiry), serialized.</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTime? ExpiresAt { get; set; }
}

/// <summary>
/// Keeps sessions in the database rather than in the cookie, so signing out ends the session on the server: a copy
/// of the cookie taken before is worthless afterwards. Sign out everywhere, disabling and removing an account end all of a
/// person's sessions at once. Shared by every instance of the site, as the database is.
/// </summary>
public sealed class SignInSessions(IServiceScopeFactory scopes, TimeProvider time) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        // Sign-ins are rare: a good moment to forget sessions that have expired.
        var now = time.GetUtcNow().UtcDateTime;
        await db.SignInSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        // The session knows its own id, so a request can tell which of a person's sessions it is (CurrentId).
        if (ticket.Principal.Identity is System.Security.Claims.ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(SessionClaim).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new System.Security.Claims.Claim(SessionClaim, id));
        }

        db.SignInSessions.Add(new SignInSession
        {
            Id = id,
            UserId = UserIdOf(ticket),
            Ticket = TicketSerializer.Default.Serialize(ticket),
            ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime,
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        await db.SignInSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var session = await db.SignInSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        if (session is null || session.ExpiresAt < time.GetUtcNow().UtcDateTime)
        {
            return null;
        }

        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BayanDb>().SignInSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of one account, except <paramref name="keep"/> (the browser making the change).</summary>
    public static Task EndAllAsync(BayanDb db, string userId, string? keep = null) =>
        db.SignInSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync();

    /// <summary>The id of the session a signed-in request belongs to.</summary>
    public static string? CurrentId(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst(SessionClaim)?.Value;

    private const string SessionClaim = "bayan:session";

    private static string UserIdOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";
}

internal static class SignInSessionsSetup
{
    /// <summary>Identity's session cookie keeps its ticket in <see cref="SignInSessions"/>.</summary>
    public static IServiceCollection AddSignInSessions(this IServiceCollection services)
    {
        services.AddSingleton<SignInSessions>();
        services.AddOptions<CookieAuthenticationOptions>(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .Configure<SignInSessions>((options, sessions) => options.SessionStore = sessions);
        return services;
    }
}
