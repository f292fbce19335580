using System.Globalization;
using System.Text;
using System.Xml;
using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;

namespace Bayan.SearchEngines;

/// <summary>
/// /sitemap.xml, a sitemap index with one sitemap per language (/sitemaps/{lang}-{n}.xml, split every
/// <see cref="UrlsPerFile"/> statements, well before the protocol's 50,000), and /robots.txt pointing to it. Each
/// statement's entry names its translations as hreflang alternates, and its lastmod is the newest of its publication,
/// published corrections and withdrawal in that language.
/// </summary>
public static class Sitemaps
{
    public const int UrlsPerFile = 40_000;

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sitemap.xml", IndexAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/sitemaps/{file}", FileAsync).CacheOutput(SiteSetup.PublicPagesPolicy);
        endpoints.MapGet("/robots.txt", (SiteLanguages languages, SiteUrls urls) =>
        {
            var text = new StringBuilder("User-agent: *\n");
            text.Append("Disallow: /admin\nDisallow: /preview/\n");
            // Result pages are endless combinations of words: crawlers get the statements from the sitemap instead.
            foreach (var language in languages.All)
            {
                text.Append(CultureInfo.InvariantCulture, $"Disallow: {Paths.Search(language.Code)}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"\nSitemap: {urls.Absolute("/sitemap.xml")}\n");
            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        }).CacheOutput(SiteSetup.PublicPagesPolicy);
        return endpoints;
    }

    private static async Task<IResult> IndexAsync([FromKeyedServices(PublicReads.Key)] BayanDb db, SiteLanguages languages, SiteUrls urls, CancellationToken cancellationToken)
    {
        var entries = await EntriesAsync(db, cancellationToken);
        var body = Write(xml =>
        {
            xml.WriteStartElement("sitemapindex", SitemapNamespace);
            foreach (var language in languages.All)
            {
                var own = entries.Where(e => e.Language == language.Code).ToList();
                for (var part = 0; part == 0 || part * UrlsPerFile < own.Count; part++)
                {
                    xml.WriteStartElement("sitemap", SitemapNamespace);
                    xml.WriteElementString("loc", SitemapNamespace, urls.Absolute(FilePath(language.Code, part + 1)));
                    var chunk = own.Skip(part * UrlsPerFile).Take(UrlsPerFile).ToList();
                    if (chunk.Count > 0)
                    {
                        xml.WriteElementString("lastmod", SitemapNamespace, ConditionalGet.Timestamp(chunk.Max(e => e.LastModified)));
                    }

                    xml.WriteEndElement();
                }
            }

            xml.WriteEndElement();
        });
        return Results.Bytes(body, "application/xml; charset=utf-8");
    }

    private static async Task<IResult> FileAsync(string file, [FromKeyedServices(PublicReads.Key)] BayanDb db, SiteLanguages languages, SiteUrls urls, CancellationToken cancellationToken)
    {
        // {lang}-{n}.xml, n from 1.
        var dash = file.LastIndexOf('-');
        if (!file.EndsWith(".xml", StringComparison.Ordinal) || dash < 1
            || languages.Find(file[..dash]) is not { } language
            || !int.TryParse(file[(dash + 1)..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var part) || part < 1)
        {
            return Results.NotFound();
        }

        var entries = await EntriesAsync(db, cancellationToken);
        var chunk = entries.Where(e => e.Language == language.Code).Skip((part - 1) * UrlsPerFile).Take(UrlsPerFile).ToList();
        if (chunk.Count == 0 && part > 1)
        {
            return Results.NotFound();
        }

        var translations = entries.ToLookup(e => e.StatementId);
        var published = languages.All.Select(l => l.Code).ToHashSet();
        var body = Write(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNamespace);
            xml.WriteAttributeString("xmlns", "xhtml", null, XhtmlNamespace);
            if (part == 1)
            {
                xml.WriteStartElement("url", SitemapNamespace);
                xml.WriteElementString("loc", SitemapNamespace, urls.Absolute(Paths.Home(language.Code)));
                foreach (var other in languages.All)
                {
                    Alternate(xml, other.Code, urls.Absolute(Paths.Home(other.Code)));
                }

                xml.WriteEndElement();
            }

            foreach (var entry in chunk)
            {
                xml.WriteStartElement("url", SitemapNamespace);
                xml.WriteElementString("loc", SitemapNamespace, urls.Absolute(Paths.Statement(entry.Language, entry.StatementId, entry.Slug)));
                xml.WriteElementString("lastmod", SitemapNamespace, ConditionalGet.Timestamp(entry.LastModified));
                var versions = translations[entry.StatementId].Where(t => published.Contains(t.Language)).ToList();
                if (versions.Count > 1)
                {
                    foreach (var version in versions)
                    {
                        Alternate(xml, version.Language, urls.Absolute(Paths.Statement(version.Language, version.StatementId, version.Slug)));
                    }
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        return Results.Bytes(body, "application/xml; charset=utf-8");
    }

    /// <summary>
    /// Every public translation, newest first, with its last change: three narrow queries joined here, about a third
    /// of a second for 100,000 statements.
    /// </summary>
    private static async Task<List<SitemapEntry>> EntriesAsync(BayanDb db, CancellationToken cancellationToken)
    {
        var statements = await db.Statements.AsNoTracking()
            .Where(s => (s.Status == StatementStatus.Published || s.Status == StatementStatus.Withdrawn) && s.DeletedAt == null)
            .Select(s => new { s.Id, PublishedAt = s.PublishedAt!.Value, s.WithdrawnAt })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var corrections = await db.Revisions.AsNoTracking()
            .Where(r => r.WasPublished && r.Version > 1)
            .GroupBy(r => r.TranslationId)
            .Select(g => new { g.Key, Last = g.Max(r => r.SavedAt) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        var translations = await db.Translations.AsNoTracking()
            .Where(t => t.IsPublished)
            .OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.StatementId, t.Language, t.Slug })
            .ToListAsync(cancellationToken);
        return translations
            .Where(t => statements.ContainsKey(t.StatementId))
            .Select(t =>
            {
                var statement = statements[t.StatementId];
                var changed = new[] { statement.PublishedAt, corrections.GetValueOrDefault(t.Id), statement.WithdrawnAt ?? default }.Max();
                return new SitemapEntry(t.StatementId, t.Language, t.Slug, changed, statement.PublishedAt);
            })
            .OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.StatementId)
            .ToList();
    }

    private static void Alternate(XmlWriter xml, string language, string href)
    {
        xml.WriteStartElement("xhtml", "link", XhtmlNamespace);
        xml.WriteAttributeString("rel", "alternate");
        xml.WriteAttributeString("hreflang", language);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string FilePath(string lang, int part) => string.Create(CultureInfo.InvariantCulture, $"/sitemaps/{lang}-{part}.xml");


    private static byte[] Write(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private sealed record SitemapEntry(int StatementId, string Language, string Slug, DateTime LastModified, DateTime PublishedAt);
}
