using Microsoft.Extensions.Options;

namespace Bayan.Shared;

/// <summary>Absolute URLs for canonical links: from Bayan:PublicUrl when set (behind a proxy), else from the request.</summary>
public sealed class SiteUrls(IHttpContextAccessor accessor, IOptions<SiteOptions> options)
{
    public string Absolute(string path)
    {
        if (options.Value.PublicUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/') + path;
        }

        var request = accessor.HttpContext!.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
    }

    /// <summary>The absolute URL, or null outside a request when Bayan:PublicUrl is not set (the scheduler, the command line).</summary>
    public string? TryAbsolute(string path) =>
        options.Value.PublicUrl is { Length: > 0 } || accessor.HttpContext is not null ? Absolute(path) : null;
}
