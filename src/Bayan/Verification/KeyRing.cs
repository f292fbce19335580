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
    /// <summary>Private keys read so far, by id: the current key is looked up at every signature, its private half once.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Signer> signers = new(StringComparer.Ordinal);

    public string KeysDirectory => Path.Combine(BayanPaths.DataDirectory(configuration), "signing-keys");

    public static string IdOf(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey));

    /// <summary>
    /// The key to sign with now, or null when the site has none or this machine lacks its private half (logged). Read
    /// from the database every time (one small query): a key created, retired or revoked by another process counts at once.
    /// </summary>
    public Task<Signer?> CurrentAsync(BayanDb db, CancellationToken cancellationToken = default) => CurrentAsync(db, reportMissing: true, cancellationToken);

    /// <summary>As <see cref="CurrentAsync(BayanDb, CancellationToken)"/>; quietly when <paramref name="reportMissing"/> is false (the backlog asks every few seconds).</summary>
    public async Task<Signer?> CurrentAsync(BayanDb db, bool reportMissing, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await db.SigningKeys.AsNoTracking()
            .Where(k => k.RetiredAt == null && k.RevokedAt == null)
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new { k.Id, k.CreatedAt })
            .ToListAsync(cancellationToken);
        foreach (var key in candidates.Where(k => k.CreatedAt <= now))
        {
            if (signers.TryGetValue(key.Id, out var known))
            {
                return known;
            }

            if (PrivateKeyFor(key.Id) is { } privateKey)
            {
                return signers.GetOrAdd(key.Id, new Signer(key.Id, privateKey));
            }

            if (reportMissing)
            {
                log.LogError("The signing key {KeyId} has no private key here (Bayan:Signing:PrivateKey, Bayan:Signing:KeyFile or {Directory}): statements are published unsigned until it is found", key.Id, KeysDirectory);
            }
        }

        return null;
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

        return record;
    }

    /// <summary>Forgets the private keys read, so the next signature reads them again (a key file replaced).</summary>
    public void Forget() => signers.Clear();

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
