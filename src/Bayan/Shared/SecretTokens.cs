using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Bayan.Shared;

/// <summary>
/// The secrets the site hands out in links and headers (preview links, the first administrator's link, API tokens):
/// random bytes in base64url, kept only as their SHA-256. They are long and random, so a fast hash is enough.
/// </summary>
public static class SecretTokens
{
    public static string New(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
