using System.Security.Cryptography;
using Bayan.Data;

namespace Bayan.Attachments;

/// <summary>
/// Stores files by the SHA-256 of their content under {DataDirectory}/files, so the same file is kept once
/// and a stored file can never change under its name.
/// </summary>
public sealed class FileStore(IConfiguration configuration)
{
    private readonly string root = Path.Combine(BayanPaths.DataDirectory(configuration), "files");

    public async Task<string> SaveAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Write beside, then move: a reader never sees half a file.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        return sha256;
    }

    public string? Find(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var path = PathOf(sha256);
        return File.Exists(path) ? path : null;
    }

    private string PathOf(string sha256) => Path.Combine(root, sha256[..2], sha256);
}
