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

        foreach (var file in Directory.EnumerateFiles(directory, "key-*.xml").Order(StringComparer.Ordinal))
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, cancellationToken),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
