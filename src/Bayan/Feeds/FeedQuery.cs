using Bayan.Core.Languages;
using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.Shared;
using Bayan.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Feeds;

/// <summary>
/// The newest statements of one language for a feed, published and withdrawn alike (a withdrawal is news too: it is
/// marked, never dropped), with their full text, signatories, categories and attachments.
/// </summary>
public sealed class FeedQuery([FromKeyedServices(PublicReads.Key)] BayanDb db, ArchiveQuery archive, SiteUrls urls, IStringLocalizer<SharedResource> text)
{
    /// <summary>Entries per feed: enough for a reader who looks once a week, small enough to fetch often.</summary>
    public const int Size = 30;

    public async Task<Feed> LoadAsync(SiteLanguage language, ArchiveFilter filter, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        var lang = language.Code;
        // The newest of each status, merged: one query over both would sort every statement to find thirty.
        var newest = new List<FeedRow>();
        foreach (var status in (StatementStatus[])[StatementStatus.Published, StatementStatus.Withdrawn])
        {
            newest.AddRange(await archive.Filtered(lang, filter, catalog, language, status)
                .OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id)
                .Take(Size)
                .Select(s => new FeedRow(s.Id, s.Status, s.PublishedAt!.Value, s.WithdrawnAt, s.WithdrawalNote, s.TypeId, s.SeriesId, s.SeriesNumber))
                .ToListAsync(cancellationToken));
        }

        var statements = newest.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id).Take(Size).ToList();
        var ids = statements.Select(s => s.Id).ToList();
        var translations = await db.Translations.AsNoTracking()
            .Where(t => ids.Contains(t.StatementId) && t.Language == lang && t.IsPublished)
            .Select(t => new { t.Id, t.StatementId, t.Title, t.Slug, t.Summary, t.BodyHtml, t.Excerpt })
            .ToDictionaryAsync(t => t.StatementId, cancellationToken);
        var translationIds = translations.Values.Select(t => t.Id).ToList();
        // A translation is updated when a correction to it was published: its newest published revision after the first.
        var corrected = await db.Revisions.AsNoTracking()
            .Where(r => translationIds.Contains(r.TranslationId) && r.WasPublished)
            .GroupBy(r => r.TranslationId)
            .Where(g => g.Count() > 1)
            .Select(g => new { g.Key, Last = g.Max(r => r.SavedAt) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        var signatories = (await db.Signatories.AsNoTracking().Where(x => ids.Contains(x.StatementId))
            .OrderBy(x => x.Position).Select(x => new { x.StatementId, x.OrganizationId }).ToListAsync(cancellationToken))
            .ToLookup(x => x.StatementId, x => x.OrganizationId);
        var tags = (await db.Statements.AsNoTracking().Where(s => ids.Contains(s.Id))
            .SelectMany(s => s.Tags, (s, t) => new { StatementId = s.Id, TagId = t.Id }).ToListAsync(cancellationToken))
            .ToLookup(x => x.StatementId, x => x.TagId);
        var attachments = (await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.StatementId))
            .OrderBy(a => a.Position).Select(a => new { a.Id, a.StatementId, a.FileName, a.ContentType, a.Size, a.Captions })
            .ToListAsync(cancellationToken))
            .ToLookup(a => a.StatementId);

        var entries = new List<FeedEntry>();
        foreach (var statement in statements)
        {
            var translation = translations[statement.Id];
            var withdrawn = statement.Status == StatementStatus.Withdrawn;
            var updated = new[] { statement.PublishedAt, corrected.GetValueOrDefault(translation.Id), withdrawn ? statement.WithdrawnAt ?? default : default }.Max();
            var content = translation.BodyHtml;
            if (withdrawn)
            {
                // The same notice as on the statement's page, above the text as it stood.
                var notice = System.Net.WebUtility.HtmlEncode(
                    text["This statement was withdrawn"] + ". " + text["Withdrawn on {0}.", Core.Text.DateDisplay.Format(catalog.ToLocal(updated), language)]
                    + " " + statement.WithdrawalNote.Get(lang));
                content = $"<p><strong>{notice.Trim()}</strong></p>{content}";
            }

            entries.Add(new FeedEntry(
                urls.Absolute($"/{lang}/statements/{statement.Id}"),
                urls.Absolute(Paths.Statement(lang, statement.Id, translation.Slug)),
                withdrawn ? text["Withdrawn: {0}", translation.Title] : translation.Title,
                Labels.For(catalog, statement.TypeId, statement.SeriesId, statement.SeriesNumber, language),
                translation.Summary,
                translation.Excerpt,
                content,
                statement.PublishedAt,
                updated,
                withdrawn,
                [.. Labels.Signatories(catalog, signatories[statement.Id]).Select(o => new FeedPerson(o.Names.Get(lang), urls.Absolute(Paths.Organization(lang, o.Slug))))],
                Categories(catalog, lang, statement.TypeId, statement.SeriesId, tags[statement.Id], withdrawn ? text["Withdrawn"].Value : null),
                [.. attachments[statement.Id].Select(a => new FeedAttachment(
                    urls.Absolute(Paths.Attachment(a.Id, a.FileName)), a.ContentType, a.Size, a.Captions.Has(lang) ? a.Captions[lang] : a.FileName))]));
        }

        var siteName = catalog.Identity.Names.Get(lang);
        var narrowed = FilterNames(catalog, lang, filter);
        var query = Query(filter);
        return new Feed(
            narrowed.Count == 0 ? siteName : $"{siteName}: {string.Join(", ", narrowed)}",
            catalog.Identity.Taglines.Get(lang) is { Length: > 0 } tagline ? tagline : null,
            lang,
            urls.Absolute(ListingPath(lang, filter, query)),
            urls.Absolute(Paths.Archive(lang) + query),
            catalog.LogoUrl is { } logo ? urls.Absolute(logo) : null,
            urls.Absolute("/favicon.svg"),
            entries.Count == 0 ? DateTime.UnixEpoch : entries.Max(e => e.Updated),
            Enum.GetValues<FeedFormat>().ToDictionary(format => format, format => urls.Absolute(Paths.Feed(lang, format) + query)),
            entries);
    }

    /// <summary>
    /// The page a feed stands for: the home page, an organization's, series', topic's or year's own page, else the
    /// filtered archive. (The feed's id stays the archive's address, so it never changes.)
    /// </summary>
    private static string ListingPath(string lang, ArchiveFilter filter, string query) => filter switch
    {
        { IsEmpty: true } => Paths.Home(lang),
        { Type: null, Series: null, Tag: null, Year: null, Org: { } org } => Paths.Organization(lang, org),
        { Type: null, Org: null, Tag: null, Year: null, Series: { } series } => Paths.Series(lang, series),
        { Type: null, Series: null, Org: null, Year: null, Tag: { } tag } => Paths.Tag(lang, tag),
        { Type: null, Series: null, Org: null, Tag: null, Year: { } year } => Paths.Year(lang, year),
        _ => Paths.Archive(lang) + query,
    };

    private sealed record FeedRow(
        int Id, StatementStatus Status, DateTime PublishedAt, DateTime? WithdrawnAt, Core.LocalizedText WithdrawalNote, int TypeId, int? SeriesId, int? SeriesNumber);

    /// <summary>The statement's type, series and topics, and "withdrawn" when it is (with <paramref name="withdrawn"/> as its name).</summary>
    private static List<FeedCategory> Categories(
        CatalogSnapshot catalog, string lang, int typeId, int? seriesId, IEnumerable<int> tagIds, string? withdrawn)
    {
        var categories = new List<FeedCategory>();
        if (catalog.Types.TryGetValue(typeId, out var type))
        {
            categories.Add(new FeedCategory(type.Slug, type.Names.Get(lang), "type"));
        }

        if (seriesId is { } id && catalog.Series.TryGetValue(id, out var series))
        {
            categories.Add(new FeedCategory(series.Slug, series.Names.Get(lang), "series"));
        }

        categories.AddRange(tagIds.Select(t => catalog.Tags.GetValueOrDefault(t)).OfType<Core.Taxonomy.Tag>()
            .Select(tag => new FeedCategory(tag.Slug, tag.Names.Get(lang), "tag")));
        if (withdrawn is not null)
        {
            categories.Add(new FeedCategory("withdrawn", withdrawn, "status"));
        }

        return categories;
    }

    /// <summary>The names of what the filter narrows to, for the feed's title.</summary>
    private static List<string> FilterNames(CatalogSnapshot catalog, string lang, ArchiveFilter filter)
    {
        var names = new List<string>();
        if (filter.Type is { } type)
        {
            names.Add(catalog.TypesBySlug[type].Names.Get(lang));
        }

        if (filter.Series is { } series)
        {
            names.Add(catalog.SeriesBySlug[series].Names.Get(lang));
        }

        if (filter.Org is { } org)
        {
            names.Add(catalog.OrganizationsBySlug[org].Names.Get(lang));
        }

        if (filter.Tag is { } tag)
        {
            names.Add(catalog.TagsBySlug[tag].Names.Get(lang));
        }

        return names;
    }

    /// <summary>The filter as a query string, the same for the feed, its listing and its other formats.</summary>
    public static string Query(ArchiveFilter filter) => QueryString.Create(new KeyValuePair<string, string?>[]
    {
        new(ArchiveFilter.TypeKey, filter.Type),
        new(ArchiveFilter.SeriesKey, filter.Series),
        new(ArchiveFilter.OrgKey, filter.Org),
        new(ArchiveFilter.TagKey, filter.Tag),
        new(ArchiveFilter.YearKey, filter.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    }.Where(p => p.Value is not null)).Value ?? "";
}
