using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Bayan.Accounts;

/// <summary>
/// Refuses passwords that attackers try first: one of the 30,000 most common passwords, the same with a few digits or
/// symbols around it ("sunshine2024!"), a single repeated character or a run of one short pattern ("abcabcabcabc").
/// Length (12 or more) is checked by Identity itself; no composition rules, as NIST SP 800-63B advises.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<Shared.SharedResource> text) : IPasswordValidator<BayanUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<BayanUser> manager, BayanUser user, string? password)
    {
        if (password is null || !IsCommon(password, user))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "CommonPassword",
            Description = text["This password is too easy to guess: it is one of the most common passwords or close to one. Choose another."],
        }));
    }

    public static bool IsCommon(string password, BayanUser? user = null)
    {
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower) || IsRepetition(lower))
        {
            return true;
        }

        // A common word with a little decoration around it is still a common password.
        var core = lower.Trim("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray());
        if (core.Length >= 4 && lower.Length - core.Length <= 6 && (Common.Value.Contains(core) || IsRepetition(core)))
        {
            return true;
        }

        var parts = new[] { user?.Email?.Split('@')[0], user?.UserName?.Split('@')[0], user?.DisplayName };
        return parts.Any(p => p is { Length: >= 4 } && lower.Contains(p.ToLowerInvariant(), StringComparison.Ordinal));
    }

    private static bool IsRepetition(string text)
    {
        for (var length = 1; length <= 4 && length <= text.Length / 2; length++)
        {
            var pattern = text[..length];
            if (Enumerable.Range(0, text.Length).All(i => text[i] == pattern[i % length]))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Bayan.Accounts.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
