using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bayan.Accounts;

/// <summary>
/// What the session cookie says about a team member beyond Identity's defaults: the name shown in histories and the
/// audit log. Refreshed at every sign-in and security-stamp check.
/// </summary>
public sealed class TeamMemberClaims(UserManager<BayanUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<BayanUser, IdentityRole>(users, roles, options)
{
    public const string DisplayName = "bayan:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(BayanUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        return identity;
    }
}
