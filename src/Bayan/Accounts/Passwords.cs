using System.Security.Cryptography;

namespace Bayan.Accounts;

public static class Passwords
{
    /// <summary>A strong password to hand to a new member once: 20 letters and digits (about 99 bits) in groups of five.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var characters = Enumerable.Range(0, 20).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return string.Join('-', characters.Chunk(5).Select(c => new string(c)));
    }
}
