using System.Security.Cryptography;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Attachments;

/// <summary>A stored file's bytes in the database, for instances on several machines (<see cref="FileStore"/>).</summary>
public sealed class StoredFile
{
    /// <summary>The SHA-256 of the content, in lower-case hexadecimal: the file's name everywhere.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public DateTime StoredAt { get; set; }
}

/// <summary>
/// Stores files by the SHA-256 of their content, so the same file is kept once and a stored file can never change under
/// its name: under {DataDirectory}/files, and on PostgreSQL (unless <c>Bayan:Files:Store=Directory</c>) in the database
/// too, where every instance finds them; the directory is then each instance's cache of what it has served.
/// </summary>
public sealed class FileStore(IConfiguration configuration, IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly string root = Path.Combine(BayanPaths.DataDirectory(configuration), "files");

    /// <summary>Whether files are kept in the database (true) or in the data directory alone.</summary>
    public bool InDatabase { get; } = StoreInDatabase(configuration);

    /// <summary>
    /// Database on PostgreSQL unless set to Directory. Never on SQLite: its instances share one machine, and so the
    /// directory; and a file saved while the caller's transaction holds SQLite's one writer lock would wait for it.
    /// </summary>
    private static bool StoreInDatabase(IConfiguration configuration)
    {
        var postgres = DatabaseSetup.Provider(configuration) == DatabaseProvider.Postgres;
        return configuration["Bayan:Files:Store"] switch
        {
            null or "" => postgres,
            var store when store.Equals("Directory", StringComparison.OrdinalIgnoreCase) => false,
            var store when store.Equals("Database", StringComparison.OrdinalIgnoreCase) && postgres => true,
            var store when store.Equals("Database", StringComparison.OrdinalIgnoreCase) =>
                throw new InvalidOperationException("The configuration value Bayan:Files:Store=Database needs Bayan:Database:Provider=Postgres; on SQLite files are kept in the data directory."),
            var store => throw new InvalidOperationException($"The configuration value Bayan:Files:Store is '{store}'; use Directory or Database."),
        };
    }

    public async Task<string> SaveAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        if (InDatabase)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            if (!await db.StoredFiles.AnyAsync(f => f.Sha256 == sha256, cancellationToken))
            {
                db.StoredFiles.Add(new StoredFile { Sha256 = sha256, Content = content, StoredAt = time.GetUtcNow().UtcDateTime });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
                {
                    // Another instance stored the same file at the same moment: it is there.
                }
            }
        }

        await WriteAsync(sha256, content, cancellationToken);
        return sha256;
    }

    /// <summary>The path of a stored file on this machine (fetched from the database first if need be), or null.</summary>
    public async Task<string?> FindAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            return path;
        }

        if (!InDatabase)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var content = await scope.ServiceProvider.GetRequiredService<BayanDb>().StoredFiles
            .Where(f => f.Sha256 == sha256).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);
        if (content is null)
        {
            return null;
        }

        await WriteAsync(sha256, content, cancellationToken);
        return path;
    }

    private async Task WriteAsync(string sha256, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write beside, then move: a reader never sees half a file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string sha256) => Path.Combine(root, sha256[..2], sha256);
}
