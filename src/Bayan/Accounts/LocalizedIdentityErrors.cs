using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Bayan.Accounts;

/// <summary>Identity's messages in the back office user's language, for the rules Bayan uses.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<Shared.SharedResource> text) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = text["The password must have at least {0} characters.", length] };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = text["The password must use at least {0} different characters.", uniqueChars] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = text["An account with the email {0} already exists.", email] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = text["An account with the email {0} already exists.", userName] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = text["{0} is not a valid email address.", email ?? ""] };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = text["{0} is not a valid email address.", userName ?? ""] };
}
