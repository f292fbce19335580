using Bayan.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Accounts;

/// <summary>
/// Bayan kept its Data Protection keys in {DataDirectory}/keys before they moved into the database. The first start after
/// the upgrade copies them in, so nobody is signed out and no form in an open tab expires because of it.
/// </summary>
public static class EarlierKeys
{
    public static async Task ImportAsync(BayanDb db, string dataDirectory, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(dataDirectory, "keys");
        if (!Directory.Exists(directory) || await db.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        // Keys, and the revocations of keys the earlier store withdrew (so those stay withdrawn).
        foreach (var file in Directory.EnumerateFiles(directory, "key-*.xml").Concat(Directory.EnumerateFiles(directory, "revocation-*.xml")).Order(StringComparer.Ordinal))
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, cancellationToken),
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            // Another instance, starting at the same moment, copied them first.
            db.ChangeTracker.Clear();
        }
    }
}
