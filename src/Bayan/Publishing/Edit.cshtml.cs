using Bayan.Admin;
using Bayan.Core;
using Bayan.Core.Statements;
using Bayan.Core.Text;
using Bayan.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Publishing;

/// <summary>
/// The statement editor: details, the text in each language, and the workflow's buttons. Works without JavaScript:
/// preview and "add a language" are round trips. The statement id comes from the route, never from the form.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
public sealed class EditModel(
    BayanDb db,
    StatementWriter writer,
    Publisher publisher,
    Attachments.AttachmentUploads uploads,
    PreviewLinks previews,
    TimeProvider time,
    IStringLocalizer<Shared.SharedResource> text)
    : BackOfficePage
{
    [BindProperty]
    public StatementInput Input { get; set; } = new();

    [BindProperty]
    public int? LeadOrganization { get; set; }

    [BindProperty]
    public List<int?> CoSigners { get; set; } = [];

    /// <summary>Public change notes for a correction, by language: each language's readers see the note written for them.</summary>
    [BindProperty]
    public Dictionary<string, string?> ChangeNotes { get; set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>The reason for a withdrawal, by language.</summary>
    [BindProperty]
    public Dictionary<string, string?> WithdrawalReasons { get; set; } = [];

    /// <summary>Publication time for scheduling, as typed: in the site's time zone.</summary>
    [BindProperty]
    public DateTime? ScheduleAt { get; set; }

    public Statement? Statement { get; private set; }

    public IReadOnlyList<string> Refusals { get; private set; } = [];

    /// <summary>What the last action did, carried across its redirect (a cookie, never the URL).</summary>
    [TempData]
    public string? Done { get; set; }

    [TempData]
    public string? Refused { get; set; }

    /// <summary>Previews by language (title, summary and rendered body as readers would see them), filled by the Preview button.</summary>
    public Dictionary<string, TextPreview> Previews { get; } = [];

    /// <summary>Languages whose published text has newer, unpublished changes.</summary>
    public HashSet<string> PendingLanguages { get; } = [];

    public Actor Actor => Actor.From(User);

    /// <summary>The newest saved text of a language, for the conflict view.</summary>
    public Revision? Saved(string language) => Statement?.Translations.FirstOrDefault(t => t.Language == language)?.Revisions.MaxBy(r => r.Version);

    /// <summary>The public page to link to: in the page's language if it has it, else the original.</summary>
    public StatementTranslation? PublicTranslation => Statement?.Translations.Where(t => t.IsPublished)
        .OrderByDescending(t => t.Language == Language.Code).ThenByDescending(t => t.IsOriginal).FirstOrDefault();

    public async Task<IActionResult> OnGetAsync(int? id, string? add)
    {
        if (id is null && !Actor.CanWrite)
        {
            return Forbid();
        }

        if (id is { } existing)
        {
            if (!await LoadAsync(existing))
            {
                return NotFound();
            }

            FillFromStatement();
        }
        else
        {
            Input.OriginalLanguage = Language.Code;
            Input.Translations.Add(new TranslationInput { Language = Language.Code });
            LeadOrganization = Catalog.OwnOrganization?.Id;
        }

        AddLanguage(add);
        if (Refused is not null)
        {
            Refusals = [Refused];
        }

        SetTitle();
        return Page();
    }

    /// <summary>A post without a named button (Enter in a field) saves.</summary>
    public Task<IActionResult> OnPostAsync(int? id) => OnPostSaveAsync(id);

    public Task<IActionResult> OnPostSaveAsync(int? id) => SaveThenAsync(id, null, "Saved.");

    public async Task<IActionResult> OnPostPreviewAsync(int? id)
    {
        if (id is { } existing && !await LoadAsync(existing))
        {
            return NotFound();
        }

        foreach (var translation in Input.Translations)
        {
            Previews[translation.Language] = new TextPreview(
                translation.Title ?? "", string.IsNullOrWhiteSpace(translation.Summary) ? null : translation.Summary.Trim(), RenderedBody.From(translation.Body ?? "", StatementWriter.FormatOf(Statement?.Translations.FirstOrDefault(t => t.Language == translation.Language))).Html);
        }

        SetTitle();
        return Page();
    }

    /// <summary>Adds a language's fields to the form as it is, without saving or losing anything typed.</summary>
    public async Task<IActionResult> OnPostAddLanguageAsync(int? id, string? add)
    {
        if (id is { } existing && !await LoadAsync(existing))
        {
            return NotFound();
        }

        AddLanguage(add);
        ModelState.Clear();
        SetTitle();
        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(int? id) =>
        SaveThenAsync(id, (saved, stamp) => publisher.SubmitAsync(saved, stamp, Actor), "Submitted for review.");

    public Task<IActionResult> OnPostPublishAsync(int? id) =>
        SaveThenAsync(id, (saved, stamp) => publisher.PublishAsync(saved, stamp, Actor), "Published.");

    public Task<IActionResult> OnPostScheduleAsync(int? id) =>
        SaveThenAsync(id, (saved, stamp) => publisher.ScheduleAsync(saved, stamp, ScheduleAt is { } at ? Catalog.ToUtc(at) : DateTime.MinValue, Actor), "Scheduled.");

    public Task<IActionResult> OnPostPublishChangesAsync(int? id) =>
        SaveThenAsync(id, (saved, stamp) => publisher.PublishChangesAsync(saved, stamp, ChangeNotes, Actor), "Changes published.");

    public Task<IActionResult> OnPostSendBackAsync(int id) =>
        ActAsync(id, stamp => publisher.SendBackAsync(id, stamp, Comment, Actor), "Sent back to draft.");

    public Task<IActionResult> OnPostWithdrawAsync(int id) =>
        ActAsync(id, stamp => publisher.WithdrawAsync(id, stamp, Typed(WithdrawalReasons), Actor), "Withdrawn.");

    public Task<IActionResult> OnPostReinstateAsync(int id) =>
        ActAsync(id, stamp => publisher.ReinstateAsync(id, stamp, Actor), "Reinstated: it is back in the listings.");

    public Task<IActionResult> OnPostUnpublishAsync(int id) =>
        ActAsync(id, stamp => publisher.UnpublishAsync(id, stamp, Actor), "Unpublished: it is a draft again.");

    /// <summary>Captions of a new attachment, by language.</summary>
    [BindProperty]
    public Dictionary<string, string?> Captions { get; set; } = [];

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file)
    {
        var captions = Typed(Captions);
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        var outcome = await uploads.AddAsync(id, file?.FileName ?? "", content, file?.Length ?? 0, captions, Actor, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }

            FillFromStatement();
            Refusals = outcome.Refusals;
            UploadRefused = true;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            SetTitle();
            return Page();
        }

        Done = text["Attached."];
        return Redirect($"/admin/statements/{id}");
    }

    /// <summary>Set when an upload was refused: the captions typed for it are shown again.</summary>
    public bool UploadRefused { get; private set; }

    public async Task<IActionResult> OnPostCaptionsAsync(int id, int attachment)
    {
        var outcome = await uploads.SetCaptionsAsync(id, attachment, Typed(Captions), Actor, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            Done = text["Captions saved."];
        }
        else
        {
            Refused = outcome.Refusals[0];
        }

        return Redirect($"/admin/statements/{id}");
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int attachment)
    {
        var outcome = await uploads.RemoveAsync(id, attachment, Actor, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            Done = text["Attachment removed."];
        }
        else
        {
            Refused = outcome.Refusals[0];
        }

        return Redirect($"/admin/statements/{id}");
    }

    public long MaxUploadMegabytes => uploads.MaxBytes / (1024 * 1024);

    public IReadOnlyList<PreviewLink> PreviewLinks { get; private set; } = [];

    /// <summary>A link just made: its address is shown once, then only its hash is kept.</summary>
    [TempData]
    public string? NewPreviewUrl { get; set; }

    public async Task<IActionResult> OnPostSharePreviewAsync(int id, int days, string? note)
    {
        var (outcome, token) = await previews.CreateAsync(id, days, note, Actor, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            NewPreviewUrl = $"{Request.Scheme}://{Request.Host}/preview/{token}";
            Done = text["Preview link made. Copy it now: it is shown only once."];
        }
        else
        {
            Refused = outcome.Refusals[0];
        }

        return Redirect($"/admin/statements/{id}");
    }

    public async Task<IActionResult> OnPostRevokePreviewAsync(int id, int link)
    {
        var outcome = await previews.RevokeAsync(id, link, Actor, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            Done = text["Preview link revoked."];
        }
        else
        {
            Refused = outcome.Refusals[0];
        }

        return Redirect($"/admin/statements/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var outcome = await publisher.DeleteAsync(id, Input.ConcurrencyStamp, Actor);
        if (!outcome.Succeeded)
        {
            return await RefuseAsync(id, outcome);
        }

        Done = text["Moved to the trash."];
        return Redirect("/admin/statements");
    }

    /// <summary>Saves the form, then (optionally) applies a transition to the saved statement.</summary>
    private async Task<IActionResult> SaveThenAsync(int? id, Func<int, string, Task<Outcome>>? then, string done)
    {
        // A value the form could not read (a number too large, 30 February) must not be dropped silently.
        var unreadable = new (string Key, string Message)[]
        {
            ("Input.SeriesNumber", text["The number in the series must be a whole number."]),
            ("Input.PublishedOn", text["The statement's date is not a valid date."]),
            ("ScheduleAt", text["The publication time is not a valid date and time."]),
        }.Where(field => ModelState.TryGetValue(field.Key, out var entry) && entry.Errors.Count > 0).Select(field => field.Message).ToList();
        if (unreadable.Count > 0)
        {
            return await RefuseAsync(id, Outcome.Refused(unreadable));
        }

        Input.Id = id;
        Input.Signatories = new[] { LeadOrganization }.Concat(CoSigners).OfType<int>().ToList();
        // A language left completely empty is not saved, but stays in the form if the save is refused.
        var typed = Input.Translations;
        Input.Translations = typed.Where(t => !string.IsNullOrWhiteSpace(t.Title) || !string.IsNullOrWhiteSpace(t.Body)).ToList();
        if (Input.Translations.Count == 0 && typed.Count > 0)
        {
            Input.Translations = [typed[0]];
        }

        var saved = await writer.SaveAsync(Input, Actor, HttpContext.RequestAborted);
        Input.Translations = typed;
        if (!saved.Succeeded)
        {
            return await RefuseAsync(id, saved);
        }

        var savedId = saved.StatementId!.Value;
        if (then is not null)
        {
            var stamp = await db.Statements.Where(s => s.Id == savedId).Select(s => s.ConcurrencyStamp).SingleAsync();
            var outcome = await then(savedId, stamp);
            if (!outcome.Succeeded)
            {
                Done = text["Saved, but not done:"];
                Refused = string.Join(" ", outcome.Refusals);
                return Redirect($"/admin/statements/{savedId}");
            }
        }

        Done = text[done];
        return Redirect($"/admin/statements/{savedId}");
    }

    private async Task<IActionResult> ActAsync(int id, Func<string?, Task<Outcome>> act, string done)
    {
        var outcome = await act(Input.ConcurrencyStamp);
        if (!outcome.Succeeded)
        {
            return await RefuseAsync(id, outcome);
        }

        Done = text[done];
        return Redirect($"/admin/statements/{id}");
    }

    /// <summary>
    /// Set when someone else saved the statement after this form was opened: the page then shows their version beside
    /// what was typed, and the form carries the new stamp, so saving again (after merging) is a decision, not an accident.
    /// </summary>
    public bool Conflict { get; private set; }

    /// <summary>Shows the form again as the user sent it, with the reasons: nothing typed is lost.</summary>
    private async Task<IActionResult> RefuseAsync(int? id, Outcome outcome)
    {
        if (id is { } existing && !await LoadAsync(existing))
        {
            return NotFound();
        }

        if (Statement is not null && Input.ConcurrencyStamp != Statement.ConcurrencyStamp)
        {
            Conflict = true;
            ModelState.Remove("Input.ConcurrencyStamp");
            Input.ConcurrencyStamp = Statement.ConcurrencyStamp;
        }

        Refusals = outcome.Refusals;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        SetTitle();
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        Statement = await writer.Load(id).AsNoTracking().FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (Statement is null)
        {
            return false;
        }

        PreviewLinks = await previews.ActiveAsync(id, HttpContext.RequestAborted);
        foreach (var translation in Statement.Translations.Where(t => t.IsPublished))
        {
            var latest = translation.Revisions.MaxBy(r => r.Version);
            if (latest is { WasPublished: false })
            {
                PendingLanguages.Add(translation.Language);
            }
        }

        return true;
    }

    /// <summary>The form shows the newest text of each language: a pending correction rather than the public text.</summary>
    private void FillFromStatement()
    {
        var statement = Statement!;
        Input.ConcurrencyStamp = statement.ConcurrencyStamp;
        Input.TypeId = statement.TypeId;
        Input.SeriesId = statement.SeriesId;
        Input.SeriesNumber = statement.SeriesNumber;
        Input.Tags = statement.Tags.Select(t => t.Id).ToList();
        Input.OriginalLanguage = statement.Translations.FirstOrDefault(t => t.IsOriginal)?.Language ?? "";
        Input.PublishedOn = statement.PublishedAt is { } at && statement.Status != StatementStatus.Scheduled ? DateOnly.FromDateTime(Catalog.ToLocal(at)) : null;
        var signatories = statement.Signatories.OrderBy(s => s.Position).Select(s => s.OrganizationId).ToList();
        LeadOrganization = signatories.FirstOrDefault();
        CoSigners = signatories.Skip(1).Select(id => (int?)id).ToList();
        foreach (var translation in statement.Translations.OrderByDescending(t => t.IsOriginal).ThenBy(t => t.Language))
        {
            var latest = translation.Revisions.MaxBy(r => r.Version);
            Input.Translations.Add(new TranslationInput
            {
                Language = translation.Language,
                Title = latest?.Title ?? translation.Title,
                Slug = translation.Slug,
                Summary = latest?.Summary ?? translation.Summary,
                Body = latest?.BodySource ?? translation.BodySource,
            });
        }
    }

    private void AddLanguage(string? add)
    {
        var languages = HttpContext.RequestServices.GetRequiredService<Shared.SiteLanguages>();
        if (languages.Find(add) is { } language && Input.Translations.All(t => t.Language != language.Code))
        {
            Input.Translations.Add(new TranslationInput { Language = language.Code });
        }
    }

    private void SetTitle() => Meta.Title = Statement is null
        ? text["New statement"]
        : Statement.Translations.OrderByDescending(t => t.IsOriginal).Select(t => t.Title).FirstOrDefault() ?? text["Statement"];

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The texts typed per language, without the empty ones and only in the site's languages.</summary>
    private LocalizedText Typed(Dictionary<string, string?> byLanguage)
    {
        var languages = HttpContext.RequestServices.GetRequiredService<Shared.SiteLanguages>();
        return new LocalizedText(byLanguage
            .Where(t => languages.Find(t.Key) is not null && !string.IsNullOrWhiteSpace(t.Value))
            .ToDictionary(t => t.Key, t => t.Value!.Trim()));
    }
}

/// <summary>A translation as the Preview button shows it.</summary>
public sealed record TextPreview(string Title, string? Summary, string BodyHtml);
