using Bayan.Core.Languages;
using Bayan.Core.Text;
using Bayan.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;

namespace Bayan.Statements;

/// <summary>
/// Every listing of statements: the home page, the filtered archive, and the pages of one organization,
/// series, tag or year (routes in StatementsFeature). They differ only in their heading and fixed filter.
/// </summary>
[OutputCache(PolicyName = SiteSetup.PublicPagesPolicy)]
public sealed class ArchiveModel(ArchiveQuery archive, IStringLocalizer<SharedResource> text) : SitePage
{
    public ArchiveFilter Filter { get; private set; } = ArchiveFilter.None;

    public ArchivePage Results { get; private set; } = new([], 1, false);

    /// <summary>For an empty language: the site languages that do have published statements.</summary>
    public IReadOnlyList<Core.Languages.SiteLanguage> ElsewhereLanguages { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>The filter this page stands for (e.g. "org" on an organization's page); it has no removable chip.</summary>
    public string? FixedFilterKey { get; private set; }

    public string Heading { get; private set; } = "";

    public string? Intro { get; private set; }

    public bool IsHome { get; private set; }

    /// <summary>Path the filters and paging links apply to.</summary>
    public string BasePath { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(
        string lang, [FromRoute] string? org, [FromRoute] string? series, [FromRoute] string? tag, [FromRoute] string? year)
    {
        var (filter, status) = ArchiveFilter.Parse(Request.Query, Catalog);
        if (filter is null)
        {
            return Error(status);
        }

        IsHome = org is null && series is null && tag is null && year is null
            && !(Request.Path.Value ?? "").TrimEnd('/').EndsWith("/statements", StringComparison.Ordinal);
        // The home page's filters and pages continue in the archive.
        BasePath = Paths.Archive(lang);
        if (!ApplyFixedFilter(ref filter, org, series, tag, year))
        {
            return Error(404);
        }

        Filter = filter;
        NameFilteredArchive();
        Results = await archive.ListAsync(Language, filter, Catalog, Catalog.PageSize, HttpContext.RequestAborted);
        if (Results.Items.Count == 0 && filter.Page > 1)
        {
            return Error(404);
        }

        if (Results.Items.Count == 0 && filter.IsEmpty)
        {
            var published = await archive.LanguagesWithStatementsAsync(HttpContext.RequestAborted);
            ElsewhereLanguages = HttpContext.RequestServices.GetRequiredService<SiteLanguages>().All.Where(l => published.Contains(l.Code)).ToList();
        }

        Years = await archive.YearsAsync(Language, Catalog.TimeZone, HttpContext.RequestAborted);
        SetMeta();
        return Page();
    }

    private bool ApplyFixedFilter(ref ArchiveFilter filter, string? org, string? series, string? tag, string? year)
    {
        var lang = Language.Code;
        if (org is not null)
        {
            if (!Catalog.OrganizationsBySlug.TryGetValue(org, out var organization))
            {
                return false;
            }

            filter = filter with { Org = org };
            FixedFilterKey = ArchiveFilter.OrgKey;
            BasePath = Paths.Organization(lang, org);
            Heading = organization.Names.Get(lang);
            Intro = organization.Website;
        }
        else if (series is not null)
        {
            if (!Catalog.SeriesBySlug.TryGetValue(series, out var found))
            {
                return false;
            }

            filter = filter with { Series = series };
            FixedFilterKey = ArchiveFilter.SeriesKey;
            BasePath = Paths.Series(lang, series);
            Heading = found.Names.Get(lang);
        }
        else if (tag is not null)
        {
            if (!Catalog.TagsBySlug.TryGetValue(tag, out var found))
            {
                return false;
            }

            filter = filter with { Tag = tag };
            FixedFilterKey = ArchiveFilter.TagKey;
            BasePath = Paths.Tag(lang, tag);
            Heading = text["Tag: {0}", found.Names.Get(lang)];
        }
        else if (year is not null)
        {
            if (!int.TryParse(Bayan.Core.Text.Digits.ToAscii(year), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) || y is < 1 or > 9999)
            {
                return false;
            }

            filter = filter with { Year = y };
            FixedFilterKey = ArchiveFilter.YearKey;
            BasePath = Paths.Year(lang, y);
            Heading = text["Statements of {0}", Number(y)];
        }
        else
        {
            Heading = IsHome ? text["Latest statements"] : text["All statements"];
        }

        return true;
    }

    /// <summary>A filtered archive is named by its filters: "Statements: Joint statement · Open Wells Foundation".</summary>
    private void NameFilteredArchive()
    {
        var lang = Language.Code;
        var labels = new List<string>();
        if (QueryFilter.Type is { } type) { labels.Add(Catalog.TypesBySlug[type].Names.Get(lang)); }
        if (QueryFilter.Series is { } series) { labels.Add(Catalog.SeriesBySlug[series].Names.Get(lang)); }
        if (QueryFilter.Org is { } org) { labels.Add(Catalog.OrganizationsBySlug[org].Names.Get(lang)); }
        if (QueryFilter.Tag is { } tag) { labels.Add(Catalog.TagsBySlug[tag].Names.Get(lang)); }
        if (QueryFilter.Year is { } year) { labels.Add(Number(year)); }
        if (labels.Count > 0)
        {
            Heading = FixedFilterKey is null
                ? text["Statements: {0}", string.Join(" · ", labels)]
                : $"{Heading}: {string.Join(" · ", labels)}";
        }
    }

    private void SetMeta()
    {
        var lang = Language.Code;
        Meta.Title = Filter.Page > 1 ? text["{0} — page {1}", Heading, Number(Filter.Page)] : Heading;
        Meta.Description = IsHome ? Catalog.Identity.Taglines.Get(lang) : Heading;
        var query = LinkQuery(ArchiveFilter.PageKey, Filter.Page > 1 ? Filter.Page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        Meta.CanonicalPath = (IsHome ? Paths.Home(lang) : BasePath) + query;
        Meta.FeedQuery = Feeds.FeedQuery.Query(Filter);
        foreach (var other in HttpContext.RequestServices.GetRequiredService<SiteLanguages>().All)
        {
            Meta.Alternates[other.Code] = AlternatePath(other);
        }

        // Filter combinations are endless; only the plain listings are worth indexing.
        Meta.NoIndex = !QueryFilter.IsEmpty;
    }

    /// <summary>
    /// This listing in another language: from its first page (the other language may have fewer), and with a year
    /// given in that language's calendar (Persian 1403 began in Gregorian 2024).
    /// </summary>
    private string AlternatePath(SiteLanguage other)
    {
        // The other calendar's year that holds most of this one (its middle day), so that the two pages point at each
        // other: 2021 and 1400 (March 2021 to March 2022), never 2021 and 1399.
        int? OtherYear(int? year)
        {
            if (year is not { } y)
            {
                return null;
            }

            var (start, end) = ArchiveQuery.YearRange(y, Language, TimeZoneInfo.Utc);
            return end > start ? DateDisplay.TryYear(start + ((end - start) / 2), other) : null;
        }

        var filter = Filter with { Page = 1, Year = OtherYear(Filter.Year) };
        var query = (FixedFilterKey == ArchiveFilter.YearKey ? filter with { Year = null } : QueryFilterOf(filter)).QueryWith(ArchiveFilter.PageKey, null);
        var path = FixedFilterKey switch
        {
            ArchiveFilter.OrgKey => Paths.Organization(other.Code, filter.Org!),
            ArchiveFilter.SeriesKey => Paths.Series(other.Code, filter.Series!),
            ArchiveFilter.TagKey => Paths.Tag(other.Code, filter.Tag!),
            ArchiveFilter.YearKey when filter.Year is { } year => Paths.Year(other.Code, year),
            ArchiveFilter.YearKey => Paths.Home(other.Code),
            _ when IsHome => Paths.Home(other.Code),
            _ => Paths.Archive(other.Code),
        };
        return path + query;
    }

    /// <summary>The filters that appear in the query string: all but the one the page's path stands for.</summary>
    private ArchiveFilter QueryFilter => QueryFilterOf(Filter);

    private ArchiveFilter QueryFilterOf(ArchiveFilter filter) => FixedFilterKey switch
    {
        ArchiveFilter.OrgKey => filter with { Org = null },
        ArchiveFilter.SeriesKey => filter with { Series = null },
        ArchiveFilter.TagKey => filter with { Tag = null },
        ArchiveFilter.YearKey => filter with { Year = null },
        _ => filter,
    };

    private string LinkQuery(string key, string? value) => QueryFilter.QueryWith(key, value);

    /// <summary>A link to this listing with one filter changed or removed.</summary>
    public string LinkWith(string key, string? value) => BasePath + LinkQuery(key, value);
}
