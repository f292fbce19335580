using System.Security.Cryptography;
using System.Text;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Accounts;

/// <summary>
/// On a site with no users, only a one-time link printed on the server's console can create the first administrator,
/// so a freshly deployed public server cannot be claimed by whoever finds it first.
/// </summary>
public sealed class FirstAdministratorSetup
{
    private readonly Lock gate = new();
    private byte[]? tokenHash;

    public const string Path = "/admin/setup";

    /// <summary>Makes a new token when the site has no users and returns it (null when there are users).</summary>
    public async Task<string?> PrepareAsync(BayanDb db, CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var token = Shared.SecretTokens.New(32);
        lock (gate)
        {
            tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        }

        return token;
    }

    public bool Accepts(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        lock (gate)
        {
            return tokenHash is not null
                && CryptographicOperations.FixedTimeEquals(tokenHash, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        }
    }

    /// <summary>The token works once: after the administrator exists it is forgotten.</summary>
    public void Consume()
    {
        lock (gate)
        {
            tokenHash = null;
        }
    }

    /// <summary>At start, prints the setup link when there is no user yet.</summary>
    public static async Task AnnounceAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var setup = app.Services.GetRequiredService<FirstAdministratorSetup>();
        var token = await setup.PrepareAsync(scope.ServiceProvider.GetRequiredService<BayanDb>());
        if (token is null)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Urls.FirstOrDefault()?.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal) ?? "http://localhost:5000";
            Console.WriteLine();
            Console.WriteLine("No administrator yet. Create the first one, once, at this address (it works only until then):");
            Console.WriteLine($"  {address.TrimEnd('/')}{Path}?token={token}");
            Console.WriteLine();
        });
    }
}
