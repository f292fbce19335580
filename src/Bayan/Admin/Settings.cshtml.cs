using Bayan.Accounts;
using Bayan.Attachments;
using Bayan.Audit;
using Bayan.Core;
using Bayan.Core.Audit;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Bayan.Admin;

/// <summary>
/// Site settings for administrators: name, tagline and about text per language, the logo, the languages published and
/// the default one (among those the configuration makes available), page size, time zone, and whether two-factor
/// sign-in is required of everyone.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class SettingsModel(
    BayanDb db, FileStore files, Catalog catalog, AuditLog audit, ContentChanges changes, UserManager<BayanUser> users,
    SiteLanguages languages, IOptions<SiteOptions> options, IStringLocalizer<SharedResource> text) : BackOfficePage
{
    [BindProperty]
    public Dictionary<string, string> Names { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string> Taglines { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string> About { get; set; } = [];

    [BindProperty]
    public bool RequireTwoFactor { get; set; }

    /// <summary>Codes of the languages to publish.</summary>
    [BindProperty]
    public List<string> Published { get; set; } = [];

    [BindProperty]
    public string DefaultLanguage { get; set; } = "";

    /// <summary>Statements per listing page; empty keeps the configured Bayan:PageSize.</summary>
    [BindProperty]
    public int? PageSize { get; set; }

    public int ConfiguredPageSize => options.Value.PageSize;

    /// <summary>An IANA time zone id from <see cref="Shared.SiteTimeZone.All"/>.</summary>
    [BindProperty]
    public string TimeZone { get; set; } = "UTC";

    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync()
    {
        var identity = (await catalog.GetAsync()).Identity;
        Names = new Dictionary<string, string>(identity.Names);
        Taglines = new Dictionary<string, string>(identity.Taglines);
        About = new Dictionary<string, string>(identity.About);
        RequireTwoFactor = identity.RequireTwoFactor;
        TimeZone = identity.TimeZone;
        Published = languages.Codes.ToList();
        DefaultLanguage = languages.Default.Code;
        PageSize = identity.PageSize;
        Meta.Title = text["Site settings"];
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? logo)
    {
        Meta.Title = text["Site settings"];
        var me = await users.GetUserAsync(User);
        if (me is null || !await users.CheckPasswordAsync(me, CurrentPassword ?? ""))
        {
            return Fail(text["Your current password is not right."]);
        }

        Published = Published.Where(code => languages.Available.Any(l => l.Code == code)).ToList();
        if (!Published.Contains(DefaultLanguage))
        {
            return Fail(text["Publish the default language: tick it among the languages."]);
        }

        var defaultLanguage = languages.Available.Single(l => l.Code == DefaultLanguage);
        if (string.IsNullOrWhiteSpace(Names.GetValueOrDefault(defaultLanguage.Code)))
        {
            return Fail(text["Give a name in {0} at least.", defaultLanguage.NativeName]);
        }

        if (ModelState.TryGetValue(nameof(PageSize), out var pageSizeEntry) && pageSizeEntry.Errors.Count > 0)
        {
            return Fail(text["Show between 1 and 100 statements on a page."]);
        }

        if (Names.Values.Any(v => v?.Length > 100) || Taglines.Values.Any(v => v?.Length > 200) || About.Values.Any(v => v?.Length > 5_000))
        {
            return Fail(text["Names can be up to 100 characters, taglines up to 200 and the about text up to 5,000."]);
        }

        if (PageSize is not (null or (>= 1 and <= 100)))
        {
            return Fail(text["Show between 1 and 100 statements on a page."]);
        }

        if (Shared.SiteTimeZone.Find(TimeZone) is null || !Shared.SiteTimeZone.All.Contains(TimeZone))
        {
            return Fail(text["Choose a time zone from the list."]);
        }

        var identity = await db.SiteIdentity.OrderBy(s => s.Id).FirstOrDefaultAsync();
        if (identity is null)
        {
            identity = new SiteIdentity { FooterLinks = (await catalog.GetAsync()).Identity.FooterLinks };
            db.SiteIdentity.Add(identity);
        }

        identity.Names = Clean(Names);
        identity.Taglines = Clean(Taglines);
        identity.About = Clean(About);
        identity.RequireTwoFactor = RequireTwoFactor;
        identity.TimeZone = TimeZone;
        identity.Languages = languages.Describe(Published, DefaultLanguage);
        identity.PageSize = PageSize;
        if (logo is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await logo.CopyToAsync(buffer);
            var file = logo.Length <= 1024 * 1024 ? UploadCheck.Inspect(buffer.ToArray(), out _) : null;
            if (file is null || !file.ContentType.StartsWith("image/", StringComparison.Ordinal))
            {
                return Fail(text["The logo must be a JPEG, PNG or WebP image of at most 1 MB."]);
            }

            identity.LogoSha256 = await files.SaveAsync(file.Bytes);
            identity.LogoContentType = file.ContentType;
        }

        audit.Add(AuditActions.SettingsChanged, "site settings", $"languages {identity.Languages}, time zone {TimeZone}" + (RequireTwoFactor ? ", two-factor required" : ""));
        await db.SaveChangesAsync();
        languages.Apply(identity.Languages);
        await changes.SiteSavedAsync();
        Done = text["Saved."];
        return Redirect("/admin/settings");
    }

    private LocalizedText Clean(Dictionary<string, string> values) =>
        new(values.Where(v => languages.Find(v.Key) is not null && !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value.Trim()));

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Fail(string error)
    {
        Errors = [error];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
