using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Statements;

/// <summary>One statement in one language, at its canonical URL /{lang}/statements/{id}/{slug}.</summary>
[OutputCache(PolicyName = SiteSetup.PublicPagesPolicy)]
public sealed class StatementModel(BayanDb db, ArchiveQuery archive) : SitePage
{
    public Statement Statement { get; private set; } = null!;

    public StatementTranslation Translation { get; private set; } = null!;

    /// <summary>When this translation's public text last changed, if it changed after first publication.</summary>
    public DateTime? UpdatedAt { get; private set; }

    /// <summary>Corrections made after first publication, oldest first.</summary>
    public IReadOnlyList<Revision> Corrections { get; private set; } = [];

    public Neighbour? Newer { get; private set; }

    public Neighbour? Older { get; private set; }

    /// <summary>Other languages of the statement when it does not exist in the page's language.</summary>
    public IReadOnlyList<StatementTranslation> Elsewhere { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string lang, int id, string? slug)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var statement = await db.Statements.AsNoTracking()
            .Where(s => s.Id == id && (s.Status == StatementStatus.Published || s.Status == StatementStatus.Withdrawn))
            .Include(s => s.Translations.Where(t => t.IsPublished))
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

        return Page();
    }

    public string Label => Labels.For(Catalog, Statement.TypeId, Statement.SeriesId, Statement.SeriesNumber, Language);
}

/// <summary>Tells the 404 page which languages a statement does exist in.</summary>
public sealed record NotInThisLanguage(int StatementId, IReadOnlyList<StatementTranslation> Translations);
