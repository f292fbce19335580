using System.Security.Cryptography;
using Bayan.Core.Verification;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Verification;

/// <summary>"Bayan:Signing": where the private signing key is when it is not in the data directory.</summary>
public sealed class SigningOptions
{
    public const string Section = "Bayan:Signing";

    /// <summary>The private key as PKCS#8 PEM (an environment variable or a secret store, for instances sharing no disk).</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A file holding the private key as PKCS#8 PEM.</summary>
    public string? KeyFile { get; set; }
}

/// <summary>A private key ready to sign, with the id of its public half.</summary>
public sealed record Signer(string KeyId, ECDsa Key)
{
    public byte[] Sign(byte[] data) => Key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
}

/// <summary>
/// The organization's signing keys: ECDSA P-256 with SHA-256 (docs/adr/0009). Public halves are published from the
/// database with their validity; private halves are read from configuration or from the data directory's keys folder,
/// which only the site's account can read. The current key is the newest one neither retired nor revoked.
/// </summary>
public sealed class KeyRing(IConfiguration configuration, TimeProvider time, ILogger<KeyRing> log)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);
    private readonly Lock gate = new();
    private (Signer? Signer, DateTimeOffset ReadAt)? current;

    public string KeysDirectory => Path.Combine(BayanPaths.DataDirectory(configuration), "signing-keys");

    public static string IdOf(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey));

    /// <summary>The key to sign with now, or null when the site has none (signing is then skipped, and logged).</summary>
    public async Task<Signer?> CurrentAsync(BayanDb db, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            // Re-read now and then: another process (the keys verb, another instance) may have rotated or revoked it.
            if (current is { } known && time.GetUtcNow() - known.ReadAt < Recheck)
            {
                return known.Signer;
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await db.SigningKeys.AsNoTracking()
            .Where(k => k.RetiredAt == null && k.RevokedAt == null)
            .OrderByDescending(k => k.CreatedAt)
            .ToListAsync(cancellationToken);
        Signer? signer = null;
        foreach (var key in candidates.Where(k => k.CreatedAt <= now))
        {
            if (PrivateKeyFor(key.Id) is { } privateKey)
            {
                signer = new Signer(key.Id, privateKey);
                break;
            }

            log.LogError("The signing key {KeyId} has no private key here (Bayan:Signing:PrivateKey, Bayan:Signing:KeyFile or {Directory}): statements are published unsigned until it is found", key.Id, KeysDirectory);
        }

        lock (gate)
        {
            current = (signer, time.GetUtcNow());
        }

        return signer;
    }

    /// <summary>Makes a new key pair, keeps the private half in the keys folder (mode 600), and returns the public one.</summary>
    public SigningKey Create(DateTime now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportSubjectPublicKeyInfo();
        var record = new SigningKey { Id = IdOf(publicKey), PublicKey = publicKey, CreatedAt = TruncateToSeconds(now) };
        var path = Path.Combine(KeysDirectory, record.Id + ".pem");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(KeysDirectory);
            File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        }
        else
        {
            Directory.CreateDirectory(KeysDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            using var writer = new StreamWriter(file);
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        Forget();
        return record;
    }

    /// <summary>Forgets the current key, so the next signature reads the keys again.</summary>
    public void Forget()
    {
        lock (gate)
        {
            current = null;
        }
    }

    public static DateTime TruncateToSeconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private ECDsa? PrivateKeyFor(string keyId)
    {
        var options = configuration.GetSection(SigningOptions.Section).Get<SigningOptions>() ?? new SigningOptions();
        var pems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PrivateKey))
        {
            pems.Add(options.PrivateKey);
        }

        if (!string.IsNullOrWhiteSpace(options.KeyFile) && File.Exists(options.KeyFile))
        {
            pems.Add(File.ReadAllText(options.KeyFile));
        }

        var inFolder = Path.Combine(KeysDirectory, keyId + ".pem");
        if (File.Exists(inFolder))
        {
            pems.Add(File.ReadAllText(inFolder));
        }

        foreach (var pem in pems)
        {
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(pem);
                if (IdOf(key.ExportSubjectPublicKeyInfo()) == keyId)
                {
                    return key;
                }
            }
            catch (Exception exception) when (exception is ArgumentException or CryptographicException)
            {
                log.LogError("A configured signing key could not be read: {Message}", exception.Message);
            }

            key.Dispose();
        }

        return null;
    }
}
