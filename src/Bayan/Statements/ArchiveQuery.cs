using Bayan.Core.Languages;
using Bayan.Core.Statements;
using Bayan.Core.Text;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Statements;

/// <summary>The queries behind the public listings: published statements in one language, newest first.</summary>
public sealed class ArchiveQuery([FromKeyedServices(PublicReads.Key)] BayanDb db, ListingCache listings)
{
    public async Task<ArchivePage> ListAsync(SiteLanguage language, ArchiveFilter filter, CatalogSnapshot catalog, int pageSize, CancellationToken cancellationToken)
    {
        var lang = language.Code;
        // Three small queries, each on an index: the page of statements, then their texts and signatories by id.
        var learnedIn = listings.Generation;
        var statements = Filtered(lang, filter, catalog, language);
        var start = filter.Page > 1 ? listings.Start(lang, filter) : null;
        if (start is var (startAt, startId, _))
        {
            // Where the page before ended: seek there instead of skipping every row before it.
            statements = statements.Where(s => s.PublishedAt <= startAt).Where(s => s.PublishedAt < startAt || s.Id < startId);
        }

        var ordered = statements.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id);
        var rows = await (start is null ? ordered.Skip((filter.Page - 1) * pageSize) : ordered)
            .Take(pageSize + 1)
            .Select(s => new { s.Id, s.PublishedAt, s.TypeId, s.SeriesId, s.SeriesNumber })
            .ToListAsync(cancellationToken);
        var ids = rows.Take(pageSize).Select(r => r.Id).ToList();
        if (rows.Count > pageSize)
        {
            listings.RememberStart(lang, filter with { Page = filter.Page + 1 }, rows[pageSize - 1].PublishedAt!.Value, rows[pageSize - 1].Id, start?.Expires, learnedIn);
        }

        if (ids.Count == 0)
        {
            return new ArchivePage([], filter.Page, HasNext: false);
        }

        var texts = await db.Translations
            .Where(t => ids.Contains(t.StatementId) && t.Language == lang && t.IsPublished)
            .Select(t => new { t.StatementId, t.Title, t.Slug, t.Excerpt })
            .ToDictionaryAsync(t => t.StatementId, cancellationToken);
        var signatories = (await db.Signatories
            .Where(x => ids.Contains(x.StatementId))
            .Select(x => new { x.StatementId, x.OrganizationId, x.Position })
            .ToListAsync(cancellationToken))
            .OrderBy(x => x.Position)
            .ToLookup(x => x.StatementId, x => x.OrganizationId);

        var items = rows.Take(pageSize).Select(r => new ListingItem(
            r.Id, texts[r.Id].Title, texts[r.Id].Slug, texts[r.Id].Excerpt, r.PublishedAt!.Value,
            r.TypeId, r.SeriesId, r.SeriesNumber, signatories[r.Id].ToList())).ToList();
        return new ArchivePage(items, filter.Page, HasNext: rows.Count > pageSize);
    }

    /// <summary>The neighbours of a statement in its language's listing: (newer, older).</summary>
    public async Task<(Neighbour? Newer, Neighbour? Older)> NeighboursAsync(string lang, int id, DateTime publishedAt, CancellationToken cancellationToken)
    {
        // Ordered by the statement's columns (not t.StatementId) so SQLite walks the (Status, PublishedAt, Id) index without sorting.
        var published = db.Translations.Where(t => t.Language == lang && t.IsPublished && t.Statement.Status == StatementStatus.Published);
        var older = await published
            .Where(t => t.Statement.PublishedAt < publishedAt || (t.Statement.PublishedAt == publishedAt && t.Statement.Id < id))
            .OrderByDescending(t => t.Statement.PublishedAt).ThenByDescending(t => t.Statement.Id)
            .Select(t => new Neighbour(t.StatementId, t.Title, t.Slug))
            .FirstOrDefaultAsync(cancellationToken);
        var newer = await published
            .Where(t => t.Statement.PublishedAt > publishedAt || (t.Statement.PublishedAt == publishedAt && t.Statement.Id > id))
            .OrderBy(t => t.Statement.PublishedAt).ThenBy(t => t.Statement.Id)
            .Select(t => new Neighbour(t.StatementId, t.Title, t.Slug))
            .FirstOrDefaultAsync(cancellationToken);
        return (newer, older);
    }

    /// <summary>The languages that have at least one published statement.</summary>
    public async Task<HashSet<string>> LanguagesWithStatementsAsync(CancellationToken cancellationToken) =>
        (await db.Translations.Where(t => t.IsPublished && t.Statement.Status == StatementStatus.Published)
            .Select(t => t.Language).Distinct().ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>
    /// The years, in the language's calendar, that have published statements, newest first. One indexed lookup per year
    /// (the first statement on or after the start of the next year), so a lone statement from 1850 adds one year, not 170.
    /// </summary>
    public Task<IReadOnlyList<int>> YearsAsync(SiteLanguage language, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        listings.YearsAsync(language.Code, zone, () => ReadYearsAsync(language, zone, cancellationToken));

    private async Task<IReadOnlyList<int>> ReadYearsAsync(SiteLanguage language, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var published = db.Statements.Where(s => s.Status == StatementStatus.Published);
        var years = new List<int>();
        var next = await published.OrderBy(s => s.PublishedAt).Select(s => s.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        while (next is { } date && years.Count < 1_000)
        {
            var year = DateDisplay.Year(SiteTimeZone.ToLocal(date, zone), language);
            years.Add(year);
            var start = YearRange(year + 1, language, zone).Start;
            if (start <= date)
            {
                break;
            }

            next = await published.Where(s => s.PublishedAt >= start).OrderBy(s => s.PublishedAt).Select(s => s.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        }

        years.Reverse();
        return years;
    }

    /// <summary>
    /// Statements in a language with one status (published; withdrawn ones for feeds), narrowed by the filters; page not
    /// applied. One status, not several: the (Status, PublishedAt, Id) index then gives the newest first without sorting.
    /// </summary>
    internal IQueryable<Statement> Filtered(
        string lang, ArchiveFilter filter, CatalogSnapshot catalog, SiteLanguage language, StatementStatus status = StatementStatus.Published)
    {
        var query = db.Statements.Where(s => s.Status == status && s.Translations.Any(t => t.Language == lang && t.IsPublished));
        if (filter.Type is not null)
        {
            var typeId = catalog.TypesBySlug[filter.Type].Id;
            query = query.Where(s => s.TypeId == typeId);
        }

        if (filter.Series is not null)
        {
            var seriesId = catalog.SeriesBySlug[filter.Series].Id;
            query = query.Where(s => s.SeriesId == seriesId);
        }

        if (filter.Org is not null)
        {
            var orgId = catalog.OrganizationsBySlug[filter.Org].Id;
            query = query.Where(s => s.Signatories.Any(x => x.OrganizationId == orgId));
        }

        if (filter.Tag is not null)
        {
            var tagId = catalog.TagsBySlug[filter.Tag].Id;
            query = query.Where(s => s.Tags.Any(t => t.Id == tagId));
        }

        if (filter.Year is { } year)
        {
            var (start, end) = YearRange(year, language, catalog.TimeZone);
            query = query.Where(s => s.PublishedAt >= start && s.PublishedAt < end);
        }

        return query;
    }

    /// <summary>
    /// The UTC range of a year in the language's calendar, its days counted in the site's time zone; years outside what
    /// the calendar can express match nothing.
    /// </summary>
    internal static (DateTime Start, DateTime End) YearRange(int year, SiteLanguage language, TimeZoneInfo zone)
    {
        var calendar = DateDisplay.CultureFor(language).DateTimeFormat.Calendar;
        try
        {
            var start = SiteTimeZone.ToUtc(calendar.ToDateTime(year, 1, 1, 0, 0, 0, 0), zone);
            var end = year + 1 <= calendar.GetYear(calendar.MaxSupportedDateTime) - 1
                ? SiteTimeZone.ToUtc(calendar.ToDateTime(year + 1, 1, 1, 0, 0, 0, 0), zone)
                : DateTime.MaxValue;
            return (start, end);
        }
        catch (ArgumentOutOfRangeException)
        {
            // The year cannot be written in this calendar (e.g. Persian year 9999): an empty range.
            return (DateTime.MinValue, DateTime.MinValue);
        }
    }
}

public sealed record ListingItem(
    int Id, string Title, string Slug, string Excerpt, DateTime PublishedAt,
    int TypeId, int? SeriesId, int? SeriesNumber, IReadOnlyList<int> Signatories);

public sealed record ArchivePage(IReadOnlyList<ListingItem> Items, int Page, bool HasNext);

public sealed record Neighbour(int Id, string Title, string Slug);
