using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bayan.Api;

/// <summary>
/// "Authorization: Bearer bayan_…" on the API's editorial endpoints (and nowhere else: the back office's session cookie
/// never authorizes an API call, so no other site can make a signed-in browser call it). Refusals are problem details
/// with the WWW-Authenticate header of RFC 6750.
/// </summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    private string? failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            failure = "Send the token as: Authorization: Bearer bayan_…";
            return AuthenticateResult.Fail(failure);
        }

        var tokens = Context.RequestServices.GetRequiredService<ApiTokens>();
        var (user, why) = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), SchemeName, Context.RequestAborted);
        if (user is null)
        {
            failure = why;
            return AuthenticateResult.Fail(why!);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer realm=\"Bayan API\""
            : $"Bearer realm=\"Bayan API\", error=\"invalid_token\", error_description=\"{HeaderSafe(failure)}\"";
        await TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: failure is null ? "This needs an API token." : "The API token is refused.",
            detail: failure ?? "Make a personal API token in the back office (your account's API tokens) and send it as: Authorization: Bearer bayan_…")
            .ExecuteAsync(Context);
    }

    /// <summary>A header holds printable ASCII only: the description loses its quotes and anything else (an ellipsis).</summary>
    private static string HeaderSafe(string text) =>
        new(text.Replace("…", "...", StringComparison.Ordinal).Where(c => c is >= ' ' and <= '~' and not '"' and not '\\').ToArray());

    /// <summary>A valid token lacking a scope: see <see cref="ApiScopeFilter"/>, which knows which scope was wanted.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The token may not do this.").ExecuteAsync(Context);
}

/// <summary>Refuses a request whose token lacks the endpoint's scope, naming the scope (RFC 6750 insufficient_scope).</summary>
public sealed class ApiScopeFilter(ApiScopes needed) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var name = ApiScopeNames.Of(needed)[0];
        if (context.HttpContext.User.HasClaim(ApiTokens.ScopeClaim, name))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = $"Bearer realm=\"Bayan API\", error=\"insufficient_scope\", scope=\"{name}\"";
        return ValueTask.FromResult<object?>(TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "The token may not do this.",
            detail: $"This needs a token with the \"{name}\" scope."));
    }
}
