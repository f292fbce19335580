namespace Bayan.Accounts;

public static class ReturnUrl
{
    /// <summary>Where to go after signing in: a path inside the back office, never another site (no open redirect).</summary>
    public static string Safe(string? returnUrl, Microsoft.AspNetCore.Mvc.IUrlHelper url) =>
        returnUrl is { } path && url.IsLocalUrl(path) && path.StartsWith("/admin", StringComparison.Ordinal) ? path : "/admin";
}
