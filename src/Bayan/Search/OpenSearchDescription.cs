using System.Text;
using System.Xml;
using Bayan.Shared;

namespace Bayan.Search;

/// <summary>
/// /{lang}/opensearch.xml: the OpenSearch 1.1 description that lets a browser add the site's search (linked from every
/// page's head). The template points at the search page in the same language.
/// </summary>
public static class OpenSearchDescription
{
    public static IEndpointRouteBuilder MapOpenSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/{lang:lang}/opensearch.xml", async (string lang, HttpContext context, Catalog catalog, SiteLanguages languages, SiteUrls urls) =>
        {
            var language = languages.Find(lang)!;
            var site = await catalog.GetAsync(context.RequestAborted);
            var name = site.Identity.Names.Get(language.Code);
            var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
            using var buffer = new MemoryStream();
            await using (var xml = XmlWriter.Create(buffer, settings))
            {
                const string ns = "http://a9.com/-/spec/opensearch/1.1/";
                await xml.WriteStartDocumentAsync();
                await xml.WriteStartElementAsync(null, "OpenSearchDescription", ns);
                // ShortName is limited to 16 characters by the specification.
                var letters = new System.Globalization.StringInfo(name);
                await xml.WriteElementStringAsync(null, "ShortName", ns, letters.LengthInTextElements <= 16 ? name : letters.SubstringByTextElements(0, 16).TrimEnd());
                await xml.WriteElementStringAsync(null, "Description", ns, name);
                await xml.WriteElementStringAsync(null, "InputEncoding", ns, "UTF-8");
                await xml.WriteElementStringAsync(null, "Language", ns, language.Code);
                await xml.WriteStartElementAsync(null, "Image", ns);
                await xml.WriteAttributeStringAsync(null, "type", null, "image/svg+xml");
                await xml.WriteStringAsync(urls.Absolute("/favicon.svg"));
                await xml.WriteEndElementAsync();
                await xml.WriteStartElementAsync(null, "Url", ns);
                await xml.WriteAttributeStringAsync(null, "type", null, "text/html");
                await xml.WriteAttributeStringAsync(null, "method", null, "get");
                await xml.WriteAttributeStringAsync(null, "template", null, urls.Absolute(Paths.Search(language.Code)) + "?q={searchTerms}");
                await xml.WriteEndElementAsync();
                await xml.WriteEndElementAsync();
            }

            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(buffer.ToArray(), "application/opensearchdescription+xml; charset=utf-8");
        });
        return endpoints;
    }
}
