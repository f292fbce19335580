using System.CommandLine;
using System.Globalization;
using Bayan.Core.Audit;
using Bayan.Data;
using Bayan.Verification;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Cli;

/// <summary>`keys create|list|revoke|sign`: the organization's signing keys (docs/verification.md).</summary>
internal static class KeysCommand
{
    public static Command Create(string[] hostArgs)
    {
        var command = new Command("keys", "Create, rotate, list or revoke the keys published statements are signed with.");
        command.Subcommands.Add(CreateKey(hostArgs));
        command.Subcommands.Add(List(hostArgs));
        command.Subcommands.Add(Revoke(hostArgs));
        command.Subcommands.Add(SignChanges(hostArgs));
        return command;
    }

    private static Command CreateKey(string[] hostArgs)
    {
        var command = new Command("create", "Make a new signing key (the current one, if any, is retired: what it signed stays valid) and sign every public statement not signed yet.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            var keys = scope.ServiceProvider.GetRequiredService<KeyRing>();
            var now = KeyRing.TruncateToSeconds(TimeProvider.System.GetUtcNow().UtcDateTime);
            var key = keys.Create(now);
            var retired = await db.SigningKeys.Where(k => k.RetiredAt == null && k.RevokedAt == null).ToListAsync(cancellationToken);
            foreach (var old in retired)
            {
                old.RetiredAt = now;
            }

            db.SigningKeys.Add(key);
            AddAudit(db, AuditActions.SigningKeyCreated, $"key {key.Id}", retired.Count == 0 ? "the site's first" : $"retires {string.Join(", ", retired.Select(k => k.Id))}");
            await db.SaveChangesAsync(cancellationToken);
            keys.Forget();
            Console.WriteLine($"Created signing key {key.Id}.");
            Console.WriteLine($"Its private half is in {Path.Combine(keys.KeysDirectory, key.Id + ".pem")}: keep a copy somewhere safe and offline; instances on other machines need it too (Bayan:Signing:KeyFile).");
            foreach (var old in retired)
            {
                Console.WriteLine($"Retired {old.Id}: what it signed stays valid.");
            }

            var signed = await scope.ServiceProvider.GetRequiredService<Notary>().CatchUpAsync(cancellationToken);
            Console.WriteLine($"Signed and logged {signed} records of statements that were public and unsigned.");
            return 0;
        });
        return command;
    }

    private static Command List(string[] hostArgs)
    {
        var command = new Command("list", "List the signing keys with their validity, and whether this machine holds their private half.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            var keys = scope.ServiceProvider.GetRequiredService<KeyRing>();
            var all = await db.SigningKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
            if (all.Count == 0)
            {
                Console.WriteLine("No signing key yet: `keys create` makes one.");
                return 0;
            }

            var current = await keys.CurrentAsync(db, cancellationToken);
            foreach (var key in all)
            {
                var state = key.RevokedAt is { } revoked ? $"revoked from {Time(revoked)}{(key.RevocationNote is { } note ? $" ({note})" : "")}"
                    : key.RetiredAt is { } retired ? $"retired {Time(retired)}"
                    : key.Id == current?.KeyId ? "current" : "current, but its private key is not on this machine";
                Console.WriteLine($"{key.Id}  created {Time(key.CreatedAt)}  {state}");
            }

            return 0;
        });
        return command;
    }

    private static Command Revoke(string[] hostArgs)
    {
        var id = new Argument<string>("key") { Description = "The key's id (or its first characters, when they name one key)." };
        var from = new Option<DateTime?>("--from") { Description = "From when its signatures are not to be believed (UTC, e.g. 2026-11-30T12:00:00Z); default: now." };
        var note = new Option<string?>("--note") { Description = "Why, as readers will read it." };
        var command = new Command("revoke", "Revoke a key from a given time: what it signed from then on is not to be believed; run `keys create` to sign those statements again.") { id, from, note };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            var prefix = result.GetValue(id)!.Trim().ToLowerInvariant();
            var matches = await db.SigningKeys.Where(k => k.Id.StartsWith(prefix)).ToListAsync(cancellationToken);
            if (matches.Count != 1 || prefix.Length == 0)
            {
                await Console.Error.WriteLineAsync(matches.Count == 0 ? $"bayan: no signing key {prefix}; `keys list` shows them." : $"bayan: {prefix} names {matches.Count} keys; give more of the id.");
                return 1;
            }

            var key = matches[0];
            var at = KeyRing.TruncateToSeconds((result.GetValue(from) ?? TimeProvider.System.GetUtcNow().UtcDateTime).ToUniversalTime());
            if (at < key.CreatedAt)
            {
                at = key.CreatedAt;
            }

            key.RevokedAt = at;
            key.RevocationNote = result.GetValue(note)?.Trim() is { Length: > 0 } given ? given : null;
            AddAudit(db, AuditActions.SigningKeyRevoked, $"key {key.Id}", $"from {Time(at)}");
            await db.SaveChangesAsync(cancellationToken);
            scope.ServiceProvider.GetRequiredService<KeyRing>().Forget();
            Console.WriteLine($"Revoked {key.Id} from {Time(at)}.");
            Console.WriteLine("Statements it signed since then are unsigned until a new key signs them: run `keys create`.");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Bayan signs its own changes as it makes them; anything else that differs from its last record was changed some other
    /// way, and is signed only when the organization says it is theirs, after `verify` has shown what it is.
    /// </summary>
    private static Command SignChanges(string[] hostArgs)
    {
        var command = new Command("sign", "Sign what readers see now wherever it differs from its last signed record — only after `verify` has shown you each difference and you know it to be yours.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            if (await scope.ServiceProvider.GetRequiredService<KeyRing>().CurrentAsync(db, cancellationToken) is null)
            {
                await Console.Error.WriteLineAsync("bayan: there is no signing key here to sign with; `keys list` shows the keys, `keys create` makes one.");
                return 1;
            }

            var signed = await scope.ServiceProvider.GetRequiredService<Notary>().SignChangesAsync(cancellationToken);
            AddAudit(db, AuditActions.ChangesSigned, "public log", $"{signed} records");
            await db.SaveChangesAsync(cancellationToken);
            Console.WriteLine($"Signed and logged {signed} records of what readers see now.");
            return 0;
        });
        return command;
    }

    private static void AddAudit(BayanDb db, string action, string subject, string details) => db.AuditEvents.Add(new AuditEvent
    {
        At = TimeProvider.System.GetUtcNow().UtcDateTime,
        UserName = Environment.UserName + " (console)",
        Action = action,
        Subject = subject,
        Details = details,
    });

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
