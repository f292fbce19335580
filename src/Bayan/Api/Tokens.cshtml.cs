using Bayan.Accounts;
using Bayan.Admin;
using Bayan.Publishing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Bayan.Api;

/// <summary>The signed-in person's API tokens: make one (shown once), see when each was last used, revoke.</summary>
public sealed class TokensModel(ApiTokens tokens, UserManager<BayanUser> users, TimeProvider time, IStringLocalizer<Shared.SharedResource> text) : BackOfficePage
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    [BindProperty]
    public int Days { get; set; } = 30;

    /// <summary>Asked again, as for every change to the account: a session left open is not enough to make a key that outlives it.</summary>
    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The token just made: on this response only, never stored or sent again.</summary>
    public string? NewToken { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public Actor Actor => Actor.From(User);

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var scopes = ApiScopeNames.All.Where(s => Scopes.Contains(s.Name)).Aggregate(ApiScopes.None, (all, s) => all | s.Scope);
        var user = await users.GetUserAsync(User);
        if (user is null || !await users.CheckPasswordAsync(user, CurrentPassword))
        {
            Errors = [text["Your current password is not right."]];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }

        var (outcome, token) = await tokens.CreateAsync(Name, scopes, Days, Actor, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            Errors = outcome.Refusals;
            Response.StatusCode = outcome.Kind == Refusal.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            NewToken = token;
            Name = null;
            Scopes = [];
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int token)
    {
        var outcome = await tokens.RevokeAsync(token, Actor, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            return NotFound();
        }

        Done = text["Token revoked: scripts using it are refused from now on."];
        return Redirect("/admin/tokens");
    }

    private async Task LoadAsync()
    {
        Meta.Title = text["API tokens"];
        Tokens = await tokens.OfAsync(Actor.UserId!, HttpContext.RequestAborted);
    }
}
