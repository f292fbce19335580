using Bayan.Admin;
using Bayan.Core.Statements;
using Bayan.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Publishing;

/// <summary>Every saved version of one language of a statement; any two compared word by word; an old one restored.</summary>
public sealed class HistoryModel(BayanDb db, StatementWriter writer, IStringLocalizer<Shared.SharedResource> text) : BackOfficePage
{
    public Statement Statement { get; private set; } = null!;

    public StatementTranslation Translation { get; private set; } = null!;

    public IReadOnlyList<Revision> Revisions { get; private set; } = [];

    public Revision? From { get; private set; }

    public Revision? To { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public IReadOnlyList<string> Refusals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string lang, int? from, int? to)
    {
        if (!await LoadAsync(id, lang))
        {
            return NotFound();
        }

        // By default, the newest version against the one before it.
        To = Revisions.FirstOrDefault(r => r.Version == (to ?? Revisions[0].Version));
        From = Revisions.FirstOrDefault(r => r.Version == (from ?? (To?.Version - 1 ?? 0)));
        if ((from is not null && From is null) || (to is not null && To is null))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>An old version comes back as the newest one: nothing in between is lost, and a published text waits for an editor.</summary>
    public async Task<IActionResult> OnPostRestoreAsync(int id, string lang, int version, string? stamp)
    {
        if (!await LoadAsync(id, lang))
        {
            return NotFound();
        }

        var revision = Revisions.FirstOrDefault(r => r.Version == version);
        if (revision is null)
        {
            return NotFound();
        }

        var input = new StatementInput
        {
            Id = id,
            ConcurrencyStamp = stamp,
            Translations = [new TranslationInput { Language = lang, Title = revision.Title, Summary = revision.Summary, Body = revision.BodySource, Slug = Translation.Slug }],
        };
        var outcome = await writer.SaveTranslationOnlyAsync(input, Actor.From(User), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            // The editor's message about text kept in a form does not fit here: this page has no form of text.
            var stale = await db.Statements.AnyAsync(s => s.Id == id && s.ConcurrencyStamp != stamp, HttpContext.RequestAborted);
            Refusals = stale ? [text["Someone else changed this statement after you opened this page. Reload it and restore again if you still want to."]] : outcome.Refusals;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Done = text["Version {0} restored as the newest version.", Number(version)];
        return Redirect($"/admin/statements/{id}");
    }

    private async Task<bool> LoadAsync(int id, string lang)
    {
        var statement = await db.Statements.AsNoTracking().Include(s => s.Translations)
            .FirstOrDefaultAsync(s => s.Id == id && s.DeletedAt == null, HttpContext.RequestAborted);
        var translation = statement?.Translations.FirstOrDefault(t => t.Language == lang);
        if (statement is null || translation is null)
        {
            return false;
        }

        Statement = statement;
        Translation = translation;
        Revisions = await db.Revisions.AsNoTracking().Where(r => r.TranslationId == translation.Id)
            .OrderByDescending(r => r.Version).ToListAsync(HttpContext.RequestAborted);
        Meta.Title = text["History: {0}", translation.Title];
        return Revisions.Count > 0;
    }
}
