using Bayan.Admin;
using Bayan.Core.Statements;
using Bayan.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Publishing;

/// <summary>All statements for the team, newest first, by status; or the trash, where drafts can be restored.</summary>
public sealed class ListModel(BayanDb db, Publisher publisher, IStringLocalizer<Shared.SharedResource> text) : BackOfficePage
{
    private const int PageSize = 50;

    [TempData]
    public string? Done { get; set; }

    public IReadOnlyList<ListRow> Rows { get; private set; } = [];

    public StatementStatus? Status { get; private set; }

    public bool Trash { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, bool trash = false)
    {
        if (status is not null)
        {
            if (!Enum.TryParse<StatementStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return BadRequest();
            }

            Status = parsed;
        }

        Trash = trash;
        Meta.Title = trash ? text["Trash"] : text["Statements"];
        var lang = Language.Code;
        var query = db.Statements.AsNoTracking().Where(s => trash ? s.DeletedAt != null : s.DeletedAt == null);
        if (Status is { } only)
        {
            query = query.Where(s => s.Status == only);
        }

        Rows = await query.OrderByDescending(s => s.DeletedAt ?? s.PublishedAt ?? s.CreatedAt).ThenByDescending(s => s.Id).Take(PageSize)
            .Select(s => new ListRow(
                s.Id,
                s.Translations.OrderByDescending(t => t.Language == lang).ThenByDescending(t => t.IsOriginal).Select(t => t.Title).FirstOrDefault() ?? "",
                s.Translations.OrderByDescending(t => t.Language == lang).ThenByDescending(t => t.IsOriginal).Select(t => t.Language).FirstOrDefault() ?? lang,
                s.Status,
                s.PublishedAt ?? s.CreatedAt,
                s.Translations.Select(t => t.Language).ToList(),
                s.Translations.Any(t => t.IsOutOfDate)))
            .ToListAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id)
    {
        var outcome = await publisher.RestoreAsync(id, Publishing.Actor.From(User));
        Done = outcome.Succeeded ? text["Restored: it is a draft again."] : outcome.Refusals[0];
        return Redirect("/admin/statements?trash=true");
    }
}

public sealed record ListRow(int Id, string Title, string TitleLanguage, StatementStatus Status, DateTime Date, IReadOnlyList<string> Languages, bool OutOfDate);
