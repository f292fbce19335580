using System.CommandLine;
using Bayan.Accounts;
using Bayan.Core.Audit;
using Bayan.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Cli;

/// <summary>`users add|reset-password|list`: managing accounts from the server's console.</summary>
internal static class UsersCommand
{
    public static Command Create(string[] hostArgs)
    {
        var command = new Command("users", "Add team members, reset their passwords, or list them.");
        command.Subcommands.Add(Add(hostArgs));
        command.Subcommands.Add(ResetPassword(hostArgs));
        command.Subcommands.Add(List(hostArgs));
        return command;
    }

    private static Command Add(string[] hostArgs)
    {
        var email = new Option<string>("--email") { Description = "The person's email address; they sign in with it.", Required = true };
        var role = new Option<string>("--role") { Description = "Administrator, Editor, Author or Translator.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var name = new Option<string?>("--name") { Description = "How the person is named in the back office (default: the email)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of generating one." };
        var command = new Command("add", "Add a team member with a role.") { email, role, name, passwordStdin };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BayanUser>>();
            var address = result.GetValue(email)!.Trim();
            var (password, generated) = await PasswordAsync(result.GetValue(passwordStdin));
            var user = new BayanUser
            {
                UserName = address,
                Email = address,
                EmailConfirmed = true,
                DisplayName = result.GetValue(name)?.Trim() is { Length: > 0 } given ? given : address,
                CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime,
                // A generated password passed on by someone else is theirs to replace at first sign-in.
                MustChangePassword = generated,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Fail("users add", created);
            }

            var roleName = Roles.Find(result.GetValue(role)!)!;
            await users.AddToRoleAsync(user, roleName);
            await RecordAsync(scope, AuditActions.UserCreated, $"user {address}", $"role {roleName}, from the command line");
            Console.WriteLine($"Added {address} as {roleName}.");
            if (generated)
            {
                Console.WriteLine($"Password (shown once; they choose their own at first sign-in): {password}");
            }

            return 0;
        });
        return command;
    }

    private static Command ResetPassword(string[] hostArgs)
    {
        var email = new Option<string>("--email") { Description = "The account's email address.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from standard input instead of generating one." };
        var command = new Command("reset-password", "Give an account a new password and sign it out everywhere.") { email, passwordStdin };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BayanUser>>();
            var address = result.GetValue(email)!.Trim();
            var user = await users.FindByEmailAsync(address);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"users reset-password: no account with the email {address}.");
                return 1;
            }

            var (password, generated) = await PasswordAsync(result.GetValue(passwordStdin));
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, password);
            if (!reset.Succeeded)
            {
                return Fail("users reset-password", reset);
            }

            // A reset also ends a lockout (not a disabled account: that takes an administrator) and every open session.
            if (user.DisabledAt is null)
            {
                await users.SetLockoutEndDateAsync(user, null);
            }

            await users.ResetAccessFailedCountAsync(user);
            user.MustChangePassword = generated;
            await users.UpdateSecurityStampAsync(user);
            await RecordAsync(scope, AuditActions.PasswordReset, $"user {address}", "from the command line");
            Console.WriteLine($"New password set for {address}.");
            if (generated)
            {
                Console.WriteLine($"Password (shown once): {password}");
            }

            return 0;
        });
        return command;
    }

    private static Command List(string[] hostArgs)
    {
        var command = new Command("list", "List the accounts with their roles.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = await VerbHost.StartAsync(hostArgs, cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            var rows = await db.Users.OrderBy(u => u.Email)
                .Select(u => new
                {
                    u.Email,
                    u.DisplayName,
                    u.LockoutEnd,
                    u.DisabledAt,
                    Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
                })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                Console.WriteLine("No accounts yet. Start the site to get the one-time setup link, or run `users add`.");
                return 0;
            }

            foreach (var row in rows)
            {
                var locked = row.DisabledAt is not null ? "  (disabled)" : row.LockoutEnd > TimeProvider.System.GetUtcNow() ? "  (locked)" : "";
                Console.WriteLine($"{row.Email,-40} {string.Join(", ", row.Roles),-24} {row.DisplayName}{locked}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The password from standard input (first line), or a generated one.</summary>
    private static async Task<(string Password, bool Generated)> PasswordAsync(bool fromStdin)
    {
        if (fromStdin)
        {
            return ((await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "", false);
        }

        return (Passwords.Generate(), true);
    }

    private static int Fail(string verb, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine($"{verb}: {error.Description}");
        }

        return 1;
    }

    private static async Task RecordAsync(AsyncServiceScope scope, string action, string subject, string details)
    {
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        db.AuditEvents.Add(new AuditEvent
        {
            At = TimeProvider.System.GetUtcNow().UtcDateTime,
            UserName = Environment.UserName + " (console)",
            Action = action,
            Subject = subject,
            Details = details,
        });
        await db.SaveChangesAsync();
    }
}
