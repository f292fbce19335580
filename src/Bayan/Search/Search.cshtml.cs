using System.Globalization;
using Bayan.Core.Search;
using Bayan.Core.Text;
using Bayan.Shared;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;

namespace Bayan.Search;

/// <summary>
/// /{lang}/search?q=…: the search page, with the archive's filters plus a range of years, facet counts, relevance or date
/// order, and "all languages". Whatever is typed gives results or a helpful page; never an error for the query itself.
/// </summary>
[OutputCache(PolicyName = SiteSetup.PublicPagesPolicy)]
public sealed class SearchModel(StatementSearch search, IStringLocalizer<SharedResource> text) : SitePage
{
    public const string QueryKey = "q";
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string LanguagesKey = "languages";
    public const string SortKey = "sort";

    private static readonly string[] Keys = [QueryKey, "type", "series", "org", "tag", FromKey, ToKey, LanguagesKey, SortKey, "page"];

    public SearchQuery Query { get; private set; } = SearchQuery.Parse(null);

    public SearchFilter Filter { get; private set; } = SearchFilter.None;

    public SearchResults Results { get; private set; } = SearchResults.Empty;

    /// <summary>How many matches every language has, offered when this language has none or few.</summary>
    public int AllLanguagesTotal => Filter.AllLanguages || Results.Total >= StatementSearch.PageSize ? 0 : Results.AllLanguagesTotal;

    public int Pages => (Results.Total + StatementSearch.PageSize - 1) / StatementSearch.PageSize;

    public async Task<IActionResult> OnGetAsync()
    {
        Meta.Title = text["Search"];
        // Result pages are for readers, not for search engines to index.
        Meta.NoIndex = true;
        if (Read() is not { } filter)
        {
            return Error(400);
        }

        Filter = filter;
        Years = await search.YearsAsync(Language, Catalog.TimeZone, HttpContext.RequestAborted);
        Query = SearchQuery.Parse(QueryValue(QueryKey));
        if (!Query.IsEmpty)
        {
            Meta.Title = text["Search: {0}", Query.Text];
            Results = await search.SearchAsync(Query, Filter, Language, Catalog, HttpContext.RequestAborted);
            if (Results.Total > 0 && Filter.Page > Pages)
            {
                return Error(404);
            }

        }

        return Page();
    }

    /// <summary>This search with one parameter changed (null removes it); the page goes back to 1 unless it is what changes.</summary>
    public string LinkWith(string key, string? value)
    {
        var pairs = Keys.Select(k => new KeyValuePair<string, string?>(k, k == key ? value : k == "page" ? null : QueryValue(k)))
            .Where(p => !string.IsNullOrEmpty(p.Value));
        return Paths.Search(Language.Code) + QueryString.Create(pairs).Value;
    }

    /// <summary>This search narrowed to one year (from and to that year).</summary>
    public string LinkWithYear(int year)
    {
        var text = year.ToString(CultureInfo.InvariantCulture);
        var pairs = Keys.Select(k => new KeyValuePair<string, string?>(k, k is FromKey or ToKey ? text : k == "page" ? null : QueryValue(k)))
            .Where(p => !string.IsNullOrEmpty(p.Value));
        return Paths.Search(Language.Code) + QueryString.Create(pairs).Value;
    }

    /// <summary>Text with its matched words in &lt;mark&gt;, encoded, and with no white space added between the pieces.</summary>
    public static IHtmlContent Mark(IReadOnlyList<Fragment> fragments)
    {
        var html = new HtmlContentBuilder();
        foreach (var fragment in fragments)
        {
            if (fragment.Matched)
            {
                html.AppendHtml("<mark>").Append(fragment.Text).AppendHtml("</mark>");
            }
            else
            {
                html.Append(fragment.Text);
            }
        }

        return html;
    }

    public string? QueryValue(string key) => Request.Query.TryGetValue(key, out var values) && values.Count == 1 ? values[0]?.Trim() : null;

    /// <summary>The filters from the query string; null when one is malformed (a 400, like the archive's).</summary>
    private SearchFilter? Read()
    {
        if (Keys.Any(k => Request.Query.TryGetValue(k, out var v) && v.Count > 1))
        {
            return null;
        }

        string? Known(string key, IReadOnlyCollection<string> slugs) => QueryValue(key) is { Length: > 0 } slug ? (slugs.Contains(slug) ? slug : "") : null;
        var type = Known("type", Catalog.TypesBySlug.Keys.ToList());
        var series = Known("series", Catalog.SeriesBySlug.Keys.ToList());
        var org = Known("org", Catalog.OrganizationsBySlug.Keys.ToList());
        var tag = Known("tag", Catalog.TagsBySlug.Keys.ToList());
        if (type == "" || series == "" || org == "" || tag == "")
        {
            return null;
        }

        if (!TryNumber(FromKey, 1, 9999, out var from) || !TryNumber(ToKey, 1, 9999, out var to) || !TryNumber("page", 1, 10_000, out var page))
        {
            return null;
        }

        return new SearchFilter(type, series, org, tag, from, to, QueryValue(LanguagesKey) == "all", QueryValue(SortKey) == "date", page ?? 1);
    }

    private bool TryNumber(string key, int min, int max, out int? number)
    {
        number = null;
        if (QueryValue(key) is not { Length: > 0 } value)
        {
            return true;
        }

        if (!int.TryParse(Digits.ToAscii(value), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            return false;
        }

        number = parsed;
        return true;
    }

    /// <summary>Years offered in the from/to lists: those with published statements, in the page's calendar.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];
}
