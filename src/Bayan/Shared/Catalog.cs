using Bayan.Core;
using Bayan.Core.Taxonomy;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Bayan.Shared;

/// <summary>
/// The small, rarely changing tables every page needs (site identity, types, series, organizations, tags),
/// read once and kept in memory until something changes them.
/// </summary>
public sealed class Catalog(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<SiteOptions> options, SiteLanguages languages)
{
    private static readonly object Key = new();

    public async Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetOrCreateAsync(Key, async entry =>
        {
            // A short lifetime bounds staleness when another process (a CLI verb) changed the database.
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
            var identity = await db.SiteIdentity.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken) ?? options.Value.Site.ToIdentity();
            // The published languages live in the settings too; another instance may have changed them.
            languages.Apply(identity.Languages);
            return new CatalogSnapshot(
                SiteLogo.Url(options.Value),
                options.Value.PageSize,
                identity,
                await db.StatementTypes.AsNoTracking().ToListAsync(cancellationToken),
                await db.Series.AsNoTracking().ToListAsync(cancellationToken),
                await db.Organizations.AsNoTracking().ToListAsync(cancellationToken),
                await db.Tags.AsNoTracking().ToListAsync(cancellationToken));
        }))!;

    public void Invalidate() => cache.Remove(Key);
}

public sealed class CatalogSnapshot
{
    public CatalogSnapshot(string? configuredLogoUrl, int configuredPageSize, SiteIdentity identity, List<StatementType> types, List<Series> series, List<Organization> organizations, List<Tag> tags)
    {
        Identity = identity;
        Types = types.ToDictionary(t => t.Id);
        Series = series.ToDictionary(s => s.Id);
        Organizations = organizations.ToDictionary(o => o.Id);
        Tags = tags.ToDictionary(t => t.Id);
        TypesBySlug = types.ToDictionary(t => t.Slug, StringComparer.Ordinal);
        SeriesBySlug = series.ToDictionary(s => s.Slug, StringComparer.Ordinal);
        OrganizationsBySlug = organizations.ToDictionary(o => o.Slug, StringComparer.Ordinal);
        TagsBySlug = tags.ToDictionary(t => t.Slug, StringComparer.Ordinal);
        OwnOrganization = organizations.FirstOrDefault(o => o.IsOwn);
        TimeZone = SiteTimeZone.Find(identity.TimeZone) ?? TimeZoneInfo.Utc;
        PageSize = identity.PageSize ?? configuredPageSize;
        LogoUrl = identity.LogoSha256 is not null ? SiteLogo.Path
            : OwnOrganization?.LogoSha256 is not null ? Paths.OrganizationLogo(OwnOrganization.Slug)
            : configuredLogoUrl;
    }

    /// <summary>The logo in the header: the one uploaded in the settings, else our organization's, else Bayan:Site:Logo, else none.</summary>
    public string? LogoUrl { get; }

    public SiteIdentity Identity { get; }

    /// <summary>Statements per listing page: the settings' choice, else Bayan:PageSize.</summary>
    public int PageSize { get; }

    /// <summary>The organization's time zone (site settings): dates are shown, and times typed, in it.</summary>
    public TimeZoneInfo TimeZone { get; }

    public DateTime ToLocal(DateTime utc) => SiteTimeZone.ToLocal(utc, TimeZone);

    /// <summary>A time typed in the site's zone, in UTC (see <see cref="SiteTimeZone.ToUtc"/>).</summary>
    public DateTime ToUtc(DateTime local) => SiteTimeZone.ToUtc(local, TimeZone);

    public Organization? OwnOrganization { get; }

    public IReadOnlyDictionary<int, StatementType> Types { get; }

    public IReadOnlyDictionary<int, Series> Series { get; }

    public IReadOnlyDictionary<int, Organization> Organizations { get; }

    public IReadOnlyDictionary<int, Tag> Tags { get; }

    public IReadOnlyDictionary<string, StatementType> TypesBySlug { get; }

    public IReadOnlyDictionary<string, Series> SeriesBySlug { get; }

    public IReadOnlyDictionary<string, Organization> OrganizationsBySlug { get; }

    public IReadOnlyDictionary<string, Tag> TagsBySlug { get; }
}
