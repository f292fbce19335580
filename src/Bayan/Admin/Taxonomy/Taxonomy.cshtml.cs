using Bayan.Accounts;
using Bayan.Audit;
using Bayan.Core;
using Bayan.Core.Audit;
using Bayan.Core.Taxonomy;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Admin.Taxonomy;

/// <summary>
/// Statement types, series, tags and organizations: each a slug with names per language (series add a label pattern
/// per language, organizations a website). Editors and administrators manage them; slugs are part of public URLs,
/// so they are set once and not changed.
/// </summary>
[Authorize(Policy = Policies.Publish)]
public sealed class TaxonomyModel(
    BayanDb db, AuditLog audit, ContentChanges changes, SiteLanguages languages, IStringLocalizer<SharedResource> text) : BackOfficePage
{
    public static readonly string[] Kinds = ["types", "series", "tags", "organizations"];

    public string Kind { get; private set; } = "";

    public IReadOnlyList<TaxonomyItem> Items { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public Dictionary<string, string> Names { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string> Labels { get; set; } = [];

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? Website { get; set; }

    public Task<IActionResult> OnGetAsync(string kind) => LoadAsync(kind);

    public async Task<IActionResult> OnPostAsync(string kind, int? id)
    {
        if (!Kinds.Contains(kind))
        {
            return NotFound();
        }

        Kind = kind;
        var names = new LocalizedText(Names.Where(n => !string.IsNullOrWhiteSpace(n.Value) && languages.Find(n.Key) is not null).ToDictionary(n => n.Key, n => n.Value.Trim()));
        var labels = new LocalizedText(Labels.Where(n => !string.IsNullOrWhiteSpace(n.Value) && languages.Find(n.Key) is not null).ToDictionary(n => n.Key, n => n.Value.Trim()));
        var slug = Core.Text.Slug.From(string.IsNullOrWhiteSpace(Slug) ? names.Get("en") : Slug);
        var errors = new List<string>();
        if (!names.Has(languages.Default.Code))
        {
            errors.Add(text["Give a name in {0} at least.", languages.Default.NativeName]);
        }

        if (id is null && (slug.Length == 0 || await SlugTakenAsync(kind, slug)))
        {
            errors.Add(text["The address {0} is already used; choose another.", slug]);
        }

        if (Website is { Length: > 0 } website && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            errors.Add(text["The website must be an address starting with https://."]);
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await LoadAsync(kind);
        }

        var saved = await SaveAsync(kind, id, slug, names, labels);
        if (!saved)
        {
            return NotFound();
        }

        audit.Add(AuditActions.SettingsChanged, $"{kind} {slug}", id is null ? "added" : "changed");
        await db.SaveChangesAsync();
        await changes.SiteSavedAsync();
        Done = text["Saved."];
        return Redirect($"/admin/taxonomy/{kind}");
    }

    private async Task<bool> SaveAsync(string kind, int? id, string slug, LocalizedText names, LocalizedText labels)
    {
        switch (kind)
        {
            case "types":
                var type = id is null ? db.StatementTypes.Add(new StatementType { Slug = slug }).Entity : await db.StatementTypes.FindAsync(id);
                if (type is null) { return false; }
                type.Names = names;
                return true;
            case "series":
                var series = id is null ? db.Series.Add(new Series { Slug = slug }).Entity : await db.Series.FindAsync(id);
                if (series is null) { return false; }
                series.Names = names;
                series.LabelPatterns = labels;
                return true;
            case "tags":
                var tag = id is null ? db.Tags.Add(new Tag { Slug = slug }).Entity : await db.Tags.FindAsync(id);
                if (tag is null) { return false; }
                tag.Names = names;
                return true;
            default:
                var organization = id is null ? db.Organizations.Add(new Organization { Slug = slug }).Entity : await db.Organizations.FindAsync(id);
                if (organization is null) { return false; }
                organization.Names = names;
                organization.Website = string.IsNullOrWhiteSpace(Website) ? null : Website.Trim();
                return true;
        }
    }

    private Task<bool> SlugTakenAsync(string kind, string slug) => kind switch
    {
        "types" => db.StatementTypes.AnyAsync(t => t.Slug == slug),
        "series" => db.Series.AnyAsync(s => s.Slug == slug),
        "tags" => db.Tags.AnyAsync(t => t.Slug == slug),
        _ => db.Organizations.AnyAsync(o => o.Slug == slug),
    };

    private async Task<IActionResult> LoadAsync(string kind)
    {
        if (!Kinds.Contains(kind))
        {
            return NotFound();
        }

        Kind = kind;
        Meta.Title = Heading(kind);
        Items = kind switch
        {
            "types" => await db.StatementTypes.AsNoTracking().OrderBy(t => t.Id).Select(t => new TaxonomyItem(t.Id, t.Slug, t.Names, LocalizedText.None, null)).ToListAsync(),
            "series" => await db.Series.AsNoTracking().OrderBy(t => t.Id).Select(s => new TaxonomyItem(s.Id, s.Slug, s.Names, s.LabelPatterns, null)).ToListAsync(),
            "tags" => await db.Tags.AsNoTracking().OrderBy(t => t.Slug).Select(t => new TaxonomyItem(t.Id, t.Slug, t.Names, LocalizedText.None, null)).ToListAsync(),
            _ => await db.Organizations.AsNoTracking().OrderByDescending(o => o.IsOwn).ThenBy(o => o.Slug).Select(o => new TaxonomyItem(o.Id, o.Slug, o.Names, LocalizedText.None, o.Website)).ToListAsync(),
        };
        return Page();
    }

    public string Heading(string kind) => kind switch
    {
        "types" => text["Statement types"],
        "series" => text["Series"],
        "tags" => text["Topics"],
        _ => text["Organizations"],
    };
}

public sealed record TaxonomyItem(int Id, string Slug, LocalizedText Names, LocalizedText Labels, string? Website);
