using Bayan.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Accounts;

public static class AccountsSetup
{
    /// <summary>The four roles exist in every database; adds the missing ones.</summary>
    public static async Task EnsureRolesAsync(BayanDb db, CancellationToken cancellationToken = default)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Except(existing.OfType<string>()))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
