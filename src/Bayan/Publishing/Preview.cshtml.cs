using Bayan.Admin;
using Bayan.Core.Statements;
using Bayan.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Publishing;

/// <summary>
/// A draft as a partner sees it through a preview link: the newest text of each language, clearly marked as a draft,
/// never cached, never indexed. Attachments are listed but not served until publication.
/// </summary>
[AllowAnonymous]
public sealed class PreviewModel(BayanDb db, PreviewLinks links, IStringLocalizer<Shared.SharedResource> text) : Shared.SitePage
{
    public Statement Statement { get; private set; } = null!;

    public Revision Text { get; private set; } = null!;

    public string TextLanguage { get; private set; } = "";

    public IReadOnlyList<string> Languages { get; private set; } = [];

    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, string? lang)
    {
        BackOfficePage.NoStore(HttpContext);
        Meta.NoIndex = true;
        var statementId = await links.FindAsync(token, HttpContext.RequestAborted);
        if (statementId is null)
        {
            return NotFound();
        }

        Statement = await db.Statements.AsNoTracking()
            .Include(s => s.Translations).ThenInclude(t => t.Revisions)
            .Include(s => s.Signatories)
            .Include(s => s.Attachments)
            .AsSplitQuery()
            .FirstAsync(s => s.Id == statementId, HttpContext.RequestAborted);
        var translation = Statement.Translations.FirstOrDefault(t => t.Language == lang)
            ?? Statement.Translations.OrderByDescending(t => t.IsOriginal).First();
        Text = translation.Revisions.MaxBy(r => r.Version)!;
        TextLanguage = translation.Language;
        Languages = Statement.Translations.Select(t => t.Language).Order().ToList();
        Token = token;
        Meta.Title = text["Draft preview: {0}", Text.Title];
        return Page();
    }
}
