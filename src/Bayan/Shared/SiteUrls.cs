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
}
