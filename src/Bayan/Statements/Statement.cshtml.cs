using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.SearchEngines;
using Bayan.Shared;
using Bayan.Verification;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Statements;

/// <summary>One statement in one language, at its canonical URL /{lang}/statements/{id}/{slug}.</summary>
[OutputCache(PolicyName = SiteSetup.PublicPagesPolicy)]
public sealed class StatementModel([FromKeyedServices(PublicReads.Key)] BayanDb db, ArchiveQuery archive, SiteUrls urls, IStringLocalizer<SharedResource> text) : SitePage
{
    public Statement Statement { get; private set; } = null!;

    public StatementTranslation Translation { get; private set; } = null!;

    /// <summary>When this translation's public text last changed, if it changed after first publication.</summary>
    public DateTime? UpdatedAt { get; private set; }

    /// <summary>Corrections made after first publication, oldest first.</summary>
    public IReadOnlyList<Revision> Corrections { get; private set; } = [];

    public Neighbour? Newer { get; private set; }

    public Neighbour? Older { get; private set; }

    /// <summary>The public log's record of the text this page shows, when the site signs its statements.</summary>
    public SignedVersion? Signature { get; private set; }

    /// <summary>Other languages of the statement when it does not exist in the page's language.</summary>
    public IReadOnlyList<StatementTranslation> Elsewhere { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string lang, int id, string? slug)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var statement = await db.Statements.AsNoTracking()
            .Where(s => s.Id == id && (s.Status == StatementStatus.Published || s.Status == StatementStatus.Withdrawn))
            .Include(s => s.Translations.Where(t => t.IsPublished).OrderBy(t => t.Id))
            .Include(s => s.Signatories.OrderBy(x => x.Position))
            .Include(s => s.Tags)
            .Include(s => s.Attachments.OrderBy(a => a.Position))
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (statement is null)
        {
            return Error(404);
        }

        var translation = statement.Translations.FirstOrDefault(t => t.Language == lang);
        if (translation is null)
        {
            // The statement exists, just not in this language: a 404 that points to the languages it has.
            Elsewhere = statement.Translations.OrderByDescending(t => t.IsOriginal).ToList();
            HttpContext.Features.Set(new NotInThisLanguage(statement.Id, Elsewhere));
            return Error(404);
        }

        if (slug != translation.Slug)
        {
            return RedirectPermanent(Paths.Statement(lang, id, translation.Slug));
        }

        Statement = statement;
        Translation = translation;
        var published = await db.Revisions.AsNoTracking()
            .Where(r => r.TranslationId == translation.Id && r.WasPublished)
            .OrderBy(r => r.Version)
            .Select(r => new Revision { Version = r.Version, SavedAt = r.SavedAt, ChangeNote = r.ChangeNote })
            .ToListAsync(cancellationToken);
        Corrections = published.Where(r => r.ChangeNote != null).ToList();
        // Updated when this language's text was corrected after it was first published; other languages' corrections don't count.
        UpdatedAt = published.Count > 1 ? published[^1].SavedAt : null;
        Signature = await SignedVersion.FindAsync(db, id, lang, published.Count > 0 ? published[^1].Version : null, cancellationToken);
        if (statement.Status == StatementStatus.Published)
        {
            (Newer, Older) = await archive.NeighboursAsync(lang, id, statement.PublishedAt!.Value, cancellationToken);
        }

        Meta.Title = translation.Title;
        Meta.Description = translation.Excerpt;
        Meta.CanonicalPath = Paths.Statement(lang, id, translation.Slug);
        foreach (var other in statement.Translations)
        {
            Meta.Alternates[other.Language] = Paths.Statement(other.Language, id, other.Slug);
        }

        DescribeForSharing();
        return Page();
    }

    /// <summary>Open Graph's card and schema.org's description of the statement, for social networks and search engines.</summary>
    private void DescribeForSharing()
    {
        var lang = Language.Code;
        if (Statement.Status == StatementStatus.Withdrawn)
        {
            // A shared link to a withdrawn statement says so in its title and preview, as the page does.
            Meta.Title = text["Withdrawn: {0}", Translation.Title];
            Meta.Description = $"{text["This statement was withdrawn"]}. {Statement.WithdrawalNote.Get(lang)}".Trim();
        }

        var signatories = Labels.Signatories(Catalog, Statement.Signatories.Select(x => x.OrganizationId)).ToList();
        var picture = Statement.Attachments.FirstOrDefault(a => a.IsImage);
        var lead = signatories.FirstOrDefault();
        Meta.OpenGraphType = "article";
        Meta.ImageIsContent = picture is not null;
        Meta.ImagePath = picture is not null ? Paths.Attachment(picture.Id, picture.FileName)
            : lead?.LogoSha256 is not null ? Paths.OrganizationLogo(lead.Slug)
            : null;

        OrganizationDescription Describe(Core.Taxonomy.Organization organization) => new(
            organization.Names.Get(lang),
            urls.Absolute(Paths.Organization(lang, organization.Slug)),
            organization.LogoSha256 is null ? null : urls.Absolute(Paths.OrganizationLogo(organization.Slug)));
        var siteName = Catalog.Identity.Names.Get(lang);
        var publisher = Catalog.OwnOrganization is { } own ? Describe(own)
            : new OrganizationDescription(siteName, urls.Absolute(Paths.Home(lang)), Catalog.LogoUrl is { } logo ? urls.Absolute(logo) : null);
        var url = urls.Absolute(Meta.CanonicalPath!);
        List<(string Name, string Url)> breadcrumbs = [(siteName, urls.Absolute(Paths.Home(lang)))];
        if (Statement.SeriesId is { } seriesId && Catalog.Series.TryGetValue(seriesId, out var series))
        {
            breadcrumbs.Add((series.Names.Get(lang), urls.Absolute(Paths.Series(lang, series.Slug))));
        }
        else if (Catalog.Types.TryGetValue(Statement.TypeId, out var type))
        {
            breadcrumbs.Add((type.Names.Get(lang), urls.Absolute(Paths.Archive(lang) + "?type=" + Uri.EscapeDataString(type.Slug))));
        }

        breadcrumbs.Add((Translation.Title, url));
        var published = Statement.PublishedAt!.Value;
        var modified = new[] { published, UpdatedAt ?? published, Statement.WithdrawnAt ?? published }.Max();
        Meta.StructuredData = StructuredData.Article(new(
            Translation.Title, Translation.Excerpt, url, lang, published, modified,
            [.. signatories.Select(Describe)], publisher,
            [.. Statement.Attachments.Where(a => a.IsImage).Select(a => urls.Absolute(Paths.Attachment(a.Id, a.FileName)))],
            breadcrumbs));
    }

    public string Label => Labels.For(Catalog, Statement.TypeId, Statement.SeriesId, Statement.SeriesNumber, Language);
}

/// <summary>Tells the 404 page which languages a statement does exist in.</summary>
public sealed record NotInThisLanguage(int StatementId, IReadOnlyList<StatementTranslation> Translations);
