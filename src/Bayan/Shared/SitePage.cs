using Bayan.Core.Languages;
using Bayan.Core.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bayan.Shared;

/// <summary>Base of every public page: the page's language, the catalog, and what the layout prints in the head.</summary>
public abstract class SitePage : PageModel
{
    public SiteLanguage Language { get; private set; } = SiteLanguage.English;

    public CatalogSnapshot Catalog { get; private set; } = null!;

    public PageMeta Meta { get; } = new();

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Language = HttpContext.RequestServices.GetRequiredService<SiteLanguages>().ForRequest(HttpContext);
        Catalog = await HttpContext.RequestServices.GetRequiredService<Catalog>().GetAsync(HttpContext.RequestAborted);
        if (await BeforeHandlerAsync() is { } stop)
        {
            context.Result = stop;
            return;
        }

        await next();
    }

    /// <summary>A last check before the page's handler runs; a result returned here is sent instead.</summary>
    protected virtual Task<IActionResult?> BeforeHandlerAsync() => Task.FromResult<IActionResult?>(null);

    public string SiteName => Catalog.Identity.Names.Get(Language.Code);

    /// <summary>The day <paramref name="utc"/> falls on in the organization's time zone, in the page's language and calendar.</summary>
    public string FormatDate(DateTime utc) => DateDisplay.Format(Catalog.ToLocal(utc), Language);

    /// <summary>Day and time in the organization's time zone, for the back office.</summary>
    public string FormatDateTime(DateTime utc) => DateDisplay.FormatWithTime(Catalog.ToLocal(utc), Language);

    public string Number(long number) => Digits.Localize(number, Language.Digits);

    /// <summary>Answers with the site's error page for <paramref name="statusCode"/> (rendered by the status code pages).</summary>
    protected IActionResult Error(int statusCode) => StatusCode(statusCode);
}

/// <summary>What a page declares in its head: title, description, canonical URL and its versions in other languages.</summary>
public sealed class PageMeta
{
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Path of the canonical URL, e.g. /en/statements/12/slug.</summary>
    public string? CanonicalPath { get; set; }

    /// <summary>The same page in other languages: language code → path.</summary>
    public Dictionary<string, string> Alternates { get; } = [];

    public bool NoIndex { get; set; }

    /// <summary>The filters of the feeds a listing offers (a query string; empty for the language's whole feed).</summary>
    public string FeedQuery { get; set; } = "";

    /// <summary>Open Graph's type: "article" for a statement, "website" for the rest.</summary>
    public string OpenGraphType { get; set; } = "website";

    /// <summary>The image a shared link shows (path or absolute URL); the site's logo when null.</summary>
    public string? ImagePath { get; set; }

    /// <summary>Whether the image is a picture of the content (a large card) rather than a logo.</summary>
    public bool ImageIsContent { get; set; }

    /// <summary>schema.org JSON-LD describing the page, already serialized (with &lt; escaped), or null.</summary>
    public string? StructuredData { get; set; }
}
