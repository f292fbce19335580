using System.Globalization;
using Bayan.Core.Text;
using Bayan.Shared;
using Microsoft.Extensions.Primitives;

namespace Bayan.Statements;

/// <summary>The archive's filters and page, as read from a query string. Slugs are checked against the catalog.</summary>
public sealed record ArchiveFilter(string? Type, string? Series, string? Org, string? Tag, int? Year, int Page)
{
    public const string TypeKey = "type";
    public const string SeriesKey = "series";
    public const string OrgKey = "org";
    public const string TagKey = "tag";
    public const string YearKey = "year";
    public const string PageKey = "page";

    /// <summary>Pages past this are refused rather than scanned.</summary>
    public const int MaxPage = 100_000;

    public static ArchiveFilter None { get; } = new(null, null, null, null, null, 1);

    public bool IsEmpty => Type is null && Series is null && Org is null && Tag is null && Year is null;

    /// <summary>Reads filters from the query; returns the status code to answer instead when the query is not usable.</summary>
    public static (ArchiveFilter? Filter, int Status) Parse(IQueryCollection query, CatalogSnapshot catalog)
    {
        var status = 200;
        string? Single(string key)
        {
            var values = query.TryGetValue(key, out var v) ? v : StringValues.Empty;
            if (values.Count > 1)
            {
                status = 400;
                return null;
            }

            var value = values.Count == 1 ? values[0]?.Trim() : null;
            return string.IsNullOrEmpty(value) ? null : value;
        }

        var type = Single(TypeKey);
        var series = Single(SeriesKey);
        var org = Single(OrgKey);
        var tag = Single(TagKey);
        var yearText = Single(YearKey);
        var pageText = Single(PageKey);
        if (status != 200)
        {
            return (null, status);
        }

        int? year = null;
        if (yearText is not null)
        {
            if (!int.TryParse(Digits.ToAscii(yearText), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1 or > 9999)
            {
                return (null, 400);
            }

            year = y;
        }

        var page = 1;
        if (pageText is not null
            && (!int.TryParse(Digits.ToAscii(pageText), NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > MaxPage))
        {
            return (null, 400);
        }

        // A filter naming something that does not exist is a page that does not exist.
        if ((type is not null && !catalog.TypesBySlug.ContainsKey(type))
            || (series is not null && !catalog.SeriesBySlug.ContainsKey(series))
            || (org is not null && !catalog.OrganizationsBySlug.ContainsKey(org))
            || (tag is not null && !catalog.TagsBySlug.ContainsKey(tag)))
        {
            return (null, 404);
        }

        return (new ArchiveFilter(type, series, org, tag, year, page), 200);
    }

    /// <summary>The query string of this filter, with one key changed or removed (value null).</summary>
    public string QueryWith(string key, string? value)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new(TypeKey, Type),
            new(SeriesKey, Series),
            new(OrgKey, Org),
            new(TagKey, Tag),
            new(YearKey, Year?.ToString(CultureInfo.InvariantCulture)),
            new(PageKey, Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null),
        };
        var changed = pairs.Select(p => p.Key == key ? new KeyValuePair<string, string?>(key, value) : p);
        // Changing a filter starts again from the first page.
        if (key != PageKey)
        {
            changed = changed.Where(p => p.Key != PageKey);
        }

        return Microsoft.AspNetCore.Http.QueryString.Create(changed.Where(p => p.Value is not null)).ToString();
    }
}
