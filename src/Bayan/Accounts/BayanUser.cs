using Microsoft.AspNetCore.Identity;

namespace Bayan.Accounts;

/// <summary>A member of the organization's team who signs in to the back office.</summary>
public sealed class BayanUser : IdentityUser
{
    /// <summary>How the person is named in the back office and in revision histories.</summary>
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when the password was generated for the person (by an administrator or the CLI): they choose their own at next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When an administrator disabled the account; a disabled account cannot sign in, and its sessions end.</summary>
    public DateTime? DisabledAt { get; set; }
}

/// <summary>The four roles and what each may do; the policies below are checked on the server for every action.</summary>
public static class Roles
{
    /// <summary>Users, settings, everything.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Publish, schedule, withdraw anything.</summary>
    public const string Editor = "Editor";

    /// <summary>Write and submit drafts; cannot publish.</summary>
    public const string Author = "Author";

    /// <summary>Add and edit translations of existing statements only.</summary>
    public const string Translator = "Translator";

    public static IReadOnlyList<string> All { get; } = [Administrator, Editor, Author, Translator];

    public static string? Find(string? name) => All.FirstOrDefault(r => r.Equals(name, StringComparison.OrdinalIgnoreCase));
}

public static class Policies
{
    /// <summary>Anyone with a role: the dashboard and reading drafts.</summary>
    public const string BackOffice = "BackOffice";

    public const string Write = "Write";

    public const string Translate = "Translate";

    public const string Publish = "Publish";

    public const string Administer = "Administer";
}
