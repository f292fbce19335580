using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.Shared;
using Bayan.Statements;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Api;

/// <summary>The read side of the API: public statements (published or withdrawn) and the site's lists, as the records of ApiModels.cs.</summary>
public sealed class StatementsApi([FromKeyedServices(PublicReads.Key)] BayanDb db, SiteUrls urls, SiteLanguages languages)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>
    /// A page of public statements, newest first, after <paramref name="cursor"/>; only those changed (published,
    /// corrected or withdrawn) since <paramref name="updatedSince"/> when given, for incremental copies.
    /// </summary>
    public async Task<StatementPage> ListAsync(
        ArchiveFilter filter, string? lang, DateTime? updatedSince, Cursor? cursor, int limit, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        IQueryable<Statement> Matching(StatementStatus status)
        {
            var statements = db.Statements.AsNoTracking().Where(s => s.Status == status && s.DeletedAt == null);
            if (lang is not null)
            {
                statements = statements.Where(s => s.Translations.Any(t => t.Language == lang && t.IsPublished));
            }

            if (filter.Type is { } type)
            {
                var id = catalog.TypesBySlug[type].Id;
                statements = statements.Where(s => s.TypeId == id);
            }

            if (filter.Series is { } series)
            {
                var id = catalog.SeriesBySlug[series].Id;
                statements = statements.Where(s => s.SeriesId == id);
            }

            if (filter.Org is { } org)
            {
                var id = catalog.OrganizationsBySlug[org].Id;
                statements = statements.Where(s => s.Signatories.Any(x => x.OrganizationId == id));
            }

            if (filter.Tag is { } tag)
            {
                var id = catalog.TagsBySlug[tag].Id;
                statements = statements.Where(s => s.Tags.Any(t => t.Id == id));
            }

            if (updatedSince is { } since)
            {
                statements = statements.Where(s => s.PublishedAt >= since || s.UpdatedAt >= since || s.WithdrawnAt >= since);
            }

            if (cursor is { } after)
            {
                statements = statements.Where(s => s.PublishedAt < after.PublishedAt || (s.PublishedAt == after.PublishedAt && s.Id < after.Id));
            }

            return statements;
        }

        // Published and withdrawn apart, merged here: each walks the (Status, PublishedAt, Id) index newest first and stops,
        // where one query over both statuses would sort them all.
        var rows = new List<ListedRow>();
        foreach (var status in (StatementStatus[])[StatementStatus.Published, StatementStatus.Withdrawn])
        {
            rows.AddRange(await Matching(status).OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id).Take(limit + 1)
                .Select(s => new ListedRow(s.Id, s.Status, s.PublishedAt!.Value, s.UpdatedAt, s.WithdrawnAt, s.TypeId, s.SeriesId, s.SeriesNumber))
                .ToListAsync(cancellationToken));
        }

        rows = [.. rows.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).Take(limit + 1)];
        var page = rows.Take(limit).ToList();
        var ids = page.Select(r => r.Id).ToList();
        var translations = (await db.Translations.AsNoTracking().Where(t => ids.Contains(t.StatementId) && t.IsPublished).OrderBy(t => t.Id)
            .Select(t => new { t.StatementId, t.Language, t.Title, t.Slug, t.Summary, t.Excerpt, t.IsOriginal }).ToListAsync(cancellationToken))
            .ToLookup(t => t.StatementId);
        var (signatories, tags) = await DetailsAsync(ids, cancellationToken);
        var items = page.Select(r => new StatementSummary(
            r.Id,
            StatusName(r.Status),
            Labels.For(catalog, r.TypeId, r.SeriesId, r.SeriesNumber, (lang is null ? null : languages.Find(lang)) ?? languages.Default),
            catalog.Types[r.TypeId].Slug,
            r.SeriesId is { } s ? catalog.Series[s].Slug : null,
            r.SeriesNumber,
            r.PublishedAt,
            r.UpdatedAt,
            r.WithdrawnAt,
            Slugs(catalog, signatories[r.Id]),
            // A topic made a moment ago by another process (an import) is named once the catalog is read again.
            [.. tags[r.Id].Where(catalog.Tags.ContainsKey).Select(t => catalog.Tags[t].Slug)],
            translations[r.Id].ToDictionary(
                t => t.Language,
                t => new TranslationSummary(t.Title, t.Summary, t.Excerpt, urls.Absolute(Paths.Statement(t.Language, r.Id, t.Slug)), t.IsOriginal)))).ToList();
        var next = rows.Count > limit ? new Cursor(page[^1].PublishedAt, page[^1].Id).Encode() : null;
        return new StatementPage(items, next);
    }

    public async Task<StatementDetail?> FindAsync(int id, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        var statement = await Public().Where(s => s.Id == id)
            .Include(s => s.Translations.Where(t => t.IsPublished).OrderBy(t => t.Id))
            .Include(s => s.Attachments.OrderBy(a => a.Position))
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (statement is null)
        {
            return null;
        }

        var translationIds = statement.Translations.Select(t => t.Id).ToList();
        var versions = (await db.Revisions.AsNoTracking().Where(r => translationIds.Contains(r.TranslationId) && r.WasPublished)
            .OrderBy(r => r.Version).Select(r => new { r.TranslationId, r.Version, r.SavedAt, r.ChangeNote }).ToListAsync(cancellationToken))
            .ToLookup(r => r.TranslationId);
        var (signatories, tags) = await DetailsAsync([id], cancellationToken);
        return new StatementDetail(
            statement.Id,
            StatusName(statement.Status),
            catalog.Types[statement.TypeId].Slug,
            statement.SeriesId is { } s ? catalog.Series[s].Slug : null,
            statement.SeriesNumber,
            statement.PublishedAt!.Value,
            statement.UpdatedAt,
            statement.WithdrawnAt,
            Slugs(catalog, signatories[id]),
            [.. tags[id].Where(catalog.Tags.ContainsKey).Select(t => catalog.Tags[t].Slug)],
            statement.Translations.ToDictionary(t => t.Language, t => new TranslationDetail(
                t.Title,
                t.Slug,
                Labels.For(catalog, statement.TypeId, statement.SeriesId, statement.SeriesNumber, languages.Find(t.Language) ?? languages.Default),
                t.Summary,
                t.Excerpt,
                t.BodyHtml,
                urls.Absolute(Paths.Statement(t.Language, id, t.Slug)),
                t.IsOriginal,
                statement.Status == StatementStatus.Withdrawn ? statement.WithdrawalNote.Get(t.Language) : null,
                [.. versions[t.Id].Select((v, i) => new PublishedVersion(i + 1, v.SavedAt, v.ChangeNote))])),
            [.. statement.Attachments.Select(a => new AttachmentInfo(
                a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, urls.Absolute(Paths.Attachment(a.Id, a.FileName)),
                a.Captions, a.PageCount, a.Width, a.Height))]);
    }

    public IReadOnlyList<OrganizationInfo> Organizations(CatalogSnapshot catalog) =>
        [.. catalog.Organizations.Values.OrderBy(o => o.Slug, StringComparer.Ordinal).Select(o => new OrganizationInfo(
            o.Slug, o.Names, o.Website, o.IsOwn, o.LogoSha256 is null ? null : urls.Absolute(Paths.OrganizationLogo(o.Slug))))];

    public static IReadOnlyList<SeriesInfo> Series(CatalogSnapshot catalog) =>
        [.. catalog.Series.Values.OrderBy(s => s.Slug, StringComparer.Ordinal).Select(s => new SeriesInfo(s.Slug, s.Names, s.LabelPatterns))];

    public static IReadOnlyList<NamedInfo> Tags(CatalogSnapshot catalog) =>
        [.. catalog.Tags.Values.OrderBy(t => t.Slug, StringComparer.Ordinal).Select(t => new NamedInfo(t.Slug, t.Names))];

    public static IReadOnlyList<NamedInfo> Types(CatalogSnapshot catalog) =>
        [.. catalog.Types.Values.OrderBy(t => t.Slug, StringComparer.Ordinal).Select(t => new NamedInfo(t.Slug, t.Names))];

    /// <summary>What the public may read: published statements, and withdrawn ones (their pages stay, marked).</summary>
    private IQueryable<Statement> Public() => db.Statements.AsNoTracking()
        .Where(s => (s.Status == StatementStatus.Published || s.Status == StatementStatus.Withdrawn) && s.DeletedAt == null);

    private async Task<(ILookup<int, int> Signatories, ILookup<int, int> Tags)> DetailsAsync(List<int> ids, CancellationToken cancellationToken)
    {
        var signatories = (await db.Signatories.AsNoTracking().Where(x => ids.Contains(x.StatementId)).OrderBy(x => x.Position)
            .Select(x => new { x.StatementId, x.OrganizationId }).ToListAsync(cancellationToken)).ToLookup(x => x.StatementId, x => x.OrganizationId);
        var tags = (await db.Statements.AsNoTracking().Where(s => ids.Contains(s.Id))
            .SelectMany(s => s.Tags, (s, t) => new { StatementId = s.Id, TagId = t.Id }).ToListAsync(cancellationToken))
            .ToLookup(x => x.StatementId, x => x.TagId);
        return (signatories, tags);
    }

    private static List<string> Slugs(CatalogSnapshot catalog, IEnumerable<int> organizationIds) =>
        [.. organizationIds.Select(o => catalog.Organizations.GetValueOrDefault(o)?.Slug).OfType<string>()];

    private sealed record ListedRow(
        int Id, StatementStatus Status, DateTime PublishedAt, DateTime? UpdatedAt, DateTime? WithdrawnAt, int TypeId, int? SeriesId, int? SeriesNumber);

    private static string StatusName(StatementStatus status) => status == StatementStatus.Withdrawn ? "withdrawn" : "published";
}

/// <summary>Where a page of statements ended: opaque to clients (base64url of the last statement's date and id).</summary>
public readonly record struct Cursor(DateTime PublishedAt, int Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{PublishedAt.Ticks}:{Id}")));

    public static bool TryDecode(string? text, out Cursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                cursor = new Cursor(new DateTime(ticks, DateTimeKind.Utc), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
