using Bayan.Core.Statements;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Admin;

/// <summary>The dashboard: what is being written, waiting for review, scheduled, and recently published.</summary>
public sealed class DashboardModel(BayanDb db, IStringLocalizer<Shared.SharedResource> text) : BackOfficePage
{
    public IReadOnlyList<DashboardRow> Drafts { get; private set; } = [];

    public IReadOnlyList<DashboardRow> InReview { get; private set; } = [];

    public IReadOnlyList<DashboardRow> Scheduled { get; private set; } = [];

    public IReadOnlyList<DashboardRow> RecentlyPublished { get; private set; } = [];

    public IReadOnlyList<DashboardRow> OutOfDate { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Meta.Title = text["Dashboard"];
        var me = Publishing.Actor.From(User).UserId;
        var live = db.Statements.AsNoTracking().Where(s => s.DeletedAt == null);
        Drafts = await RowsAsync(live.Where(s => s.Status == StatementStatus.Draft && s.CreatedById == me), newestFirst: true);
        InReview = await RowsAsync(live.Where(s => s.Status == StatementStatus.InReview), newestFirst: false);
        Scheduled = await RowsAsync(live.Where(s => s.Status == StatementStatus.Scheduled), newestFirst: false);
        RecentlyPublished = await RowsAsync(live.Where(s => s.Status == StatementStatus.Published), newestFirst: true);
        OutOfDate = await RowsAsync(live.Where(s => s.Translations.Any(t => t.IsOutOfDate)), newestFirst: true);
    }

    private async Task<IReadOnlyList<DashboardRow>> RowsAsync(IQueryable<Statement> query, bool newestFirst)
    {
        var lang = Language.Code;
        query = newestFirst
            ? query.OrderByDescending(s => s.PublishedAt ?? s.CreatedAt).ThenByDescending(s => s.Id)
            : query.OrderBy(s => s.PublishedAt ?? s.CreatedAt).ThenBy(s => s.Id);
        var rows = await query.Take(10)
            .Select(s => new
            {
                s.Id,
                s.PublishedAt,
                s.CreatedAt,
                Languages = s.Translations.Select(t => t.Language).ToList(),
                Title = s.Translations.OrderByDescending(t => t.Language == lang).ThenByDescending(t => t.IsOriginal).Select(t => t.Title).FirstOrDefault(),
                Slug = s.Translations.OrderByDescending(t => t.Language == lang).ThenByDescending(t => t.IsOriginal).Select(t => t.Slug).FirstOrDefault(),
                TitleLanguage = s.Translations.OrderByDescending(t => t.Language == lang).ThenByDescending(t => t.IsOriginal).Select(t => t.Language).FirstOrDefault(),
            })
            .ToListAsync(HttpContext.RequestAborted);
        return rows.Select(r => new DashboardRow(r.Id, r.Title ?? "", r.Slug ?? "", r.TitleLanguage ?? lang, r.PublishedAt ?? r.CreatedAt, r.Languages)).ToList();
    }
}

public sealed record DashboardRow(int Id, string Title, string Slug, string TitleLanguage, DateTime Date, IReadOnlyList<string> Languages);
