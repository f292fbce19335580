using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Bayan.Attachments;
using Bayan.Core;
using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.Publishing;
using Bayan.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Api;

/// <summary>
/// The editorial API under /api/v1/admin: what the back office's editor does, for scripts, with a personal token.
/// Every change goes through the same StatementWriter, Publisher and AttachmentUploads as the back office, so the same
/// roles and rules apply; the token's scopes narrow them further. A change can name the version it was made to
/// (If-Match with the ETag read); without it, the change applies to the statement as it is.
/// </summary>
public static partial class EditorialApi
{
    private const string StatementId = "The statement's id, as in its address and in the list.";

    private const string AttachmentId = "The attachment's id, from the statement's attachments.";

    private static readonly string[] RequiredToCreate = ["type", "signatories", "translations"];

    private const string IfMatch = "The ETag of the statement as read: the change is refused (412) if someone changed it since. Without it, the change applies to the statement as it is.";

    public static IEndpointRouteBuilder MapEditorialApi(this IEndpointRouteBuilder endpoints)
    {
        var tokenOnly = new AuthorizationPolicyBuilder(TokenAuthentication.SchemeName).RequireAuthenticatedUser().Build();
        var api = endpoints.MapGroup("/api/v1/admin").RequireAuthorization(tokenOnly).RequireRateLimiting(ApiFeature.RateLimit)
            // A token in a header cannot be sent by another site's page on its own, so there is no cross-site request to forge.
            .DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                Admin.BackOfficePage.NoStore(context.HttpContext);
                return await next(context);
            })
            .WithTags("Editorial").ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        var reading = new ApiScopeFilter(ApiScopes.ReadDrafts);
        var writing = new ApiScopeFilter(ApiScopes.Write);
        var publishing = new ApiScopeFilter(ApiScopes.Publish);

        api.MapGet("/me", Me).WithName("GetTokenOwner").WithSummary("Who the token acts for, with which roles and scopes")
            .Produces<TokenOwner>();
        api.MapGet("/statements", ListAsync).AddEndpointFilter(reading).WithName("ListAllStatements")
            .WithSummary("Statements in every state, newest first (scope read-drafts)")
            .Produces<EditorialPage>().ProducesProblem(400);
        api.MapGet("/statements/{id:int}", GetAsync).AddEndpointFilter(reading).WithName("GetEditorialStatement")
            .WithSummary("One statement as its editors see it, with the newest text of each language (scope read-drafts)")
            .Produces<EditorialStatement>().Produces(304).ProducesProblem(404);
        api.MapPost("/statements", CreateAsync).AddEndpointFilter(writing).WithName("CreateStatement")
            .WithSummary("Write a new draft (scope write)")
            .Accepts<StatementWrite>("application/json").Produces<EditorialStatement>(201).ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422);
        api.MapPatch("/statements/{id:int}", UpdateAsync).AddEndpointFilter(writing).WithName("UpdateStatement")
            .WithSummary("Change a statement's details or texts (scope write)")
            .WithDescription("Only the properties sent change. Each translation sent is saved as a new revision; a published text's changes wait for `publish`. Authors change their own drafts; on others' statements they, like translators, add and edit translations.")
            .Accepts<StatementWrite>("application/json").Produces<EditorialStatement>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422);
        api.MapDelete("/statements/{id:int}", DeleteAsync).AddEndpointFilter(writing).WithName("DeleteStatement")
            .WithSummary("Move a draft to the trash (scope write)")
            .Produces(204).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapPost("/statements/{id:int}/submit", SubmitAsync).AddEndpointFilter(writing).WithName("SubmitStatement")
            .WithSummary("Submit a draft for review (scope write)")
            .Produces<EditorialStatement>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapPost("/statements/{id:int}/publish", PublishAsync).AddEndpointFilter(publishing).WithName("PublishStatement")
            .WithSummary("Publish now; for a published statement, publish its pending changes (scope publish)")
            .WithDescription("A body is optional: `change_notes` by language, shown to readers of each corrected text.")
            .Accepts<PublishRequest>(isOptional: true, "application/json").Produces<EditorialStatement>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        api.MapPost("/statements/{id:int}/schedule", ScheduleAsync).AddEndpointFilter(publishing).WithName("ScheduleStatement")
            .WithSummary("Publish at a time to come (scope publish)")
            .Accepts<ScheduleRequest>("application/json").Produces<EditorialStatement>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        api.MapPost("/statements/{id:int}/withdraw", WithdrawAsync).AddEndpointFilter(publishing).WithName("WithdrawStatement")
            .WithSummary("Withdraw a published statement, giving readers the reason (scope publish)")
            .Accepts<WithdrawRequest>("application/json").Produces<EditorialStatement>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);
        api.MapPost("/statements/{id:int}/attachments", UploadAsync).AddEndpointFilter(writing).WithName("AddAttachment")
            .WithSummary("Attach a PDF or image (multipart/form-data, field \"file\"; scope write)")
            .Accepts<AttachmentForm>("multipart/form-data").Produces<AttachmentInfo>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422);
        api.MapPatch("/statements/{id:int}/attachments/{attachmentId:int}", CaptionAsync).AddEndpointFilter(writing).WithName("CaptionAttachment")
            .WithSummary("Replace an attachment's captions, one per language (scope write)")
            .Accepts<CaptionsRequest>("application/json").Produces<AttachmentInfo>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        api.MapDelete("/statements/{id:int}/attachments/{attachmentId:int}", RemoveAttachmentAsync).AddEndpointFilter(writing).WithName("RemoveAttachment")
            .WithSummary("Remove an attachment (scope write)")
            .Produces(204).ProducesProblem(404);
        return endpoints;
    }

    private static TokenOwner Me(HttpContext context)
    {
        var user = context.User;
        var actor = Actor.From(user);
        var tokenId = int.Parse(user.FindFirst(ApiTokens.TokenClaim)!.Value, CultureInfo.InvariantCulture);
        var token = context.RequestServices.GetRequiredService<BayanDb>().ApiTokens.AsNoTracking().First(t => t.Id == tokenId);
        return new TokenOwner(actor.UserId!, actor.Name, [.. actor.Roles.Order(StringComparer.Ordinal)],
            [.. user.FindAll(ApiTokens.ScopeClaim).Select(c => c.Value)], token.Name, token.ExpiresAt);
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, BayanDb db,
        [Description("Only statements in this state: draft, in_review, scheduled, published or withdrawn.")] string? status,
        [Description("true: only statements the token's owner wrote.")] bool? mine,
        [Description("The next_cursor of the previous page.")] string? cursor,
        [Description("Statements a page, 1 to 100 (default 20)."), System.ComponentModel.DataAnnotations.Range(1, StatementsApi.MaxLimit)] int? limit)
    {
        StatementStatus? wanted = null;
        if (status is not null)
        {
            if (StatusNames.FirstOrDefault(s => s.Value == status) is not { Value: not null } found)
            {
                return JsonBody.Problem(400, "The request cannot be answered as it is.", "status is one of: " + string.Join(", ", StatusNames.Values) + ".");
            }

            wanted = found.Key;
        }

        Cursor after = default;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after))
        {
            return JsonBody.Problem(400, "The request cannot be answered as it is.", "The cursor is not one this API gave out.");
        }

        if (limit is < 1 or > StatementsApi.MaxLimit)
        {
            return JsonBody.Problem(400, "The request cannot be answered as it is.", $"limit must be between 1 and {StatementsApi.MaxLimit}.");
        }

        var me = Actor.From(context.User).UserId;
        var query = db.Statements.AsNoTracking().Where(s => s.DeletedAt == null);
        if (wanted is { } w)
        {
            query = query.Where(s => s.Status == w);
        }

        if (mine == true)
        {
            query = query.Where(s => s.CreatedById == me);
        }

        if (cursor is not null)
        {
            query = query.Where(s => s.CreatedAt < after.PublishedAt || (s.CreatedAt == after.PublishedAt && s.Id < after.Id));
        }

        var take = limit ?? StatementsApi.DefaultLimit;
        var rows = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(take + 1)
            .Select(s => new
            {
                s.Id,
                s.Status,
                s.CreatedAt,
                s.PublishedAt,
                s.CreatedById,
                Texts = s.Translations.Select(t => new { t.Language, t.IsOriginal, t.Title }).ToList(),
            })
            .ToListAsync(context.RequestAborted);
        var items = rows.Take(take).Select(r =>
        {
            var original = r.Texts.FirstOrDefault(t => t.IsOriginal) ?? r.Texts.FirstOrDefault();
            return new EditorialSummary(r.Id, StatusNames[r.Status], original?.Title ?? "", original?.Language ?? "",
                [.. r.Texts.Select(t => t.Language).Order(StringComparer.Ordinal)], r.CreatedAt, r.PublishedAt, r.CreatedById == me);
        }).ToList();
        var next = rows.Count > take ? new Cursor(rows[take - 1].CreatedAt, rows[take - 1].Id).Encode() : null;
        return TypedResults.Json(new EditorialPage(items, next), ApiFeature.Json);
    }

    private static async Task<IResult> GetAsync(
        [Description(StatementId)] int id,
        [FromHeader(Name = "If-None-Match"), Description("The ETag of the copy the client has: answered 304 Not Modified while it is current.")] string? ifNoneMatch,
        HttpContext context) =>
        await AnswerAsync(context, id, ifNoneMatch: ifNoneMatch) ?? NoSuchStatement();

    private static async Task<IResult> CreateAsync(HttpContext context, StatementWriter writer, Catalog catalog)
    {
        var (write, raw, problem) = await JsonBody.ReadAsync<StatementWrite>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        // What a new statement cannot be without.
        if (RequiredToCreate.FirstOrDefault(p => !JsonBody.Has(raw, p)) is { } missing)
        {
            return JsonBody.Problem(400, "The body does not fit what this endpoint takes.", $"Missing required \"{missing}\" at $: a new statement needs its type, signatories and a translation.");
        }

        var actor = Actor.From(context.User);
        var input = new StatementInput();
        if (Apply(write!, raw, input, context, await catalog.GetAsync(context.RequestAborted), statement: null) is { } refused)
        {
            return refused;
        }

        var outcome = await writer.SaveAsync(input, actor, context.RequestAborted);
        if (!outcome.Succeeded)
        {
            return Refused(outcome);
        }

        var answer = await AnswerAsync(context, outcome.StatementId!.Value, StatusCodes.Status201Created);
        context.Response.Headers.Location = $"/api/v1/admin/statements/{outcome.StatementId}";
        return answer!;
    }

    private static async Task<IResult> UpdateAsync(
        [Description(StatementId)] int id, [FromHeader(Name = "If-Match"), Description(IfMatch)] string? ifMatch, HttpContext context, StatementWriter writer, Catalog catalog)
    {
        var (write, raw, problem) = await JsonBody.ReadAsync<StatementWrite>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var statement = await writer.Load(id).AsNoTracking().FirstOrDefaultAsync(context.RequestAborted);
        if (statement is null)
        {
            return NoSuchStatement();
        }

        var actor = Actor.From(context.User);
        var site = await catalog.GetAsync(context.RequestAborted);
        var input = InputOf(statement, site);
        input.ConcurrencyStamp = Expected(ifMatch, statement.ConcurrencyStamp);
        if (Apply(write!, raw, input, context, site, statement) is { } refused)
        {
            return refused;
        }

        var outcome = await writer.SaveAsync(input, actor, context.RequestAborted);
        return outcome.Succeeded ? (await AnswerAsync(context, id))! : Refused(outcome);
    }

    private static Task<IResult> DeleteAsync(
        [Description(StatementId)] int id, [FromHeader(Name = "If-Match"), Description(IfMatch)] string? ifMatch, HttpContext context, Publisher publisher) =>
        TransitionAsync(context, id, ifMatch, (stamp, actor) => publisher.DeleteAsync(id, stamp, actor), TypedResults.NoContent());

    private static Task<IResult> SubmitAsync(
        [Description(StatementId)] int id, [FromHeader(Name = "If-Match"), Description(IfMatch)] string? ifMatch, HttpContext context, Publisher publisher) =>
        TransitionAsync(context, id, ifMatch, (stamp, actor) => publisher.SubmitAsync(id, stamp, actor));

    private static async Task<IResult> PublishAsync(
        [Description(StatementId)] int id, [FromHeader(Name = "If-Match"), Description(IfMatch)] string? ifMatch, HttpContext context, Publisher publisher, BayanDb db)
    {
        var (request, _, problem) = await JsonBody.ReadAsync<PublishRequest>(context.Request, optional: true);
        if (problem is not null)
        {
            return problem;
        }

        var status = await db.Statements.Where(s => s.Id == id && s.DeletedAt == null).Select(s => (StatementStatus?)s.Status).FirstOrDefaultAsync(context.RequestAborted);
        var notes = (request?.ChangeNotes ?? new Dictionary<string, string>()).ToDictionary(n => n.Key, n => (string?)n.Value);
        return await TransitionAsync(context, id, ifMatch, (stamp, actor) => status is StatementStatus.Published or StatementStatus.Withdrawn
            ? publisher.PublishChangesAsync(id, stamp, notes, actor)
            : publisher.PublishAsync(id, stamp, actor));
    }

    private static async Task<IResult> ScheduleAsync(
        [Description(StatementId)] int id, [FromHeader(Name = "If-Match"), Description(IfMatch)] string? ifMatch, HttpContext context, Publisher publisher)
    {
        var (request, raw, problem) = await JsonBody.ReadAsync<ScheduleRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        // A time without its offset would be read in the server's zone, which the client cannot know.
        if (!WithOffset().IsMatch(raw.GetProperty("at").GetString() ?? ""))
        {
            return JsonBody.Problem(400, "The body does not fit what this endpoint takes.", "\"at\" needs its offset or Z (2026-12-01T09:00:00+03:30, 2026-12-01T05:30:00Z).");
        }

        return await TransitionAsync(context, id, ifMatch, (stamp, actor) => publisher.ScheduleAsync(id, stamp, request!.At.UtcDateTime, actor));
    }

    private static async Task<IResult> WithdrawAsync(
        [Description(StatementId)] int id, [FromHeader(Name = "If-Match"), Description(IfMatch)] string? ifMatch, HttpContext context, Publisher publisher, SiteLanguages languages)
    {
        var (request, _, problem) = await JsonBody.ReadAsync<WithdrawRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (Texts(request!.Reason, languages, 1_000) is not { } reason)
        {
            return JsonBody.Problem(422, "The reason cannot be used as it is.", "Give the reason by language code of the site's languages, each up to 1,000 characters.");
        }

        return await TransitionAsync(context, id, ifMatch, (stamp, actor) => publisher.WithdrawAsync(id, stamp, reason, actor));
    }

    private static async Task<IResult> UploadAsync([Description(StatementId)] int id, HttpContext context, AttachmentUploads uploads, BayanDb db)
    {
        if (await PublicWithoutScopeAsync(context, db, id) is { } refused)
        {
            return refused;
        }

        if (!context.Request.HasFormContentType)
        {
            return JsonBody.Problem(415, "Send the file as multipart/form-data.", "One field named \"file\".");
        }

        if (context.Request.ContentLength > uploads.MaxBytes + 64 * 1024)
        {
            return JsonBody.Problem(413, "The file is too large.", $"At most {uploads.MaxBytes / 1024 / 1024} MB.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = uploads.MaxBytes + 64 * 1024 }, context.RequestAborted);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return JsonBody.Problem(413, "The file is too large.", $"At most {uploads.MaxBytes / 1024 / 1024} MB.");
        }
        catch (BadHttpRequestException e)
        {
            return JsonBody.Problem(e.StatusCode, e.StatusCode == 413 ? "The file is too large." : "The form cannot be read.", e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return JsonBody.Problem(400, "The form cannot be read.", e.Message);
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return JsonBody.Problem(400, "No file was sent.", "Send the file in a field named \"file\".");
        }

        await using var content = file.OpenReadStream();
        var outcome = await uploads.AddAsync(id, file.FileName, content, file.Length, LocalizedText.None, Actor.From(context.User), context.RequestAborted);
        if (!outcome.Succeeded)
        {
            return Refused(outcome);
        }

        var added = await db.Attachments.AsNoTracking().Where(a => a.StatementId == id).OrderByDescending(a => a.Id).FirstAsync(context.RequestAborted);
        context.Response.Headers.Location = $"/api/v1/admin/statements/{id}/attachments/{added.Id}";
        return TypedResults.Json(Attachment(context, added), ApiFeature.Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> CaptionAsync([Description(StatementId)] int id, [Description(AttachmentId)] int attachmentId, HttpContext context, AttachmentUploads uploads, SiteLanguages languages, BayanDb db)
    {
        if (await PublicWithoutScopeAsync(context, db, id) is { } refused)
        {
            return refused;
        }

        var (request, _, problem) = await JsonBody.ReadAsync<CaptionsRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (Texts(request!.Captions, languages, 500) is not { } captions)
        {
            return JsonBody.Problem(422, "The captions cannot be used as they are.", "Give captions by language code of the site's languages, each up to 500 characters.");
        }

        var outcome = await uploads.SetCaptionsAsync(id, attachmentId, captions, Actor.From(context.User), context.RequestAborted);
        return outcome.Succeeded
            ? TypedResults.Json(Attachment(context, await db.Attachments.AsNoTracking().FirstAsync(a => a.Id == attachmentId, context.RequestAborted)), ApiFeature.Json)
            : Refused(outcome);
    }

    private static async Task<IResult> RemoveAttachmentAsync([Description(StatementId)] int id, [Description(AttachmentId)] int attachmentId, HttpContext context, AttachmentUploads uploads, BayanDb db)
    {
        if (await PublicWithoutScopeAsync(context, db, id) is { } refused)
        {
            return refused;
        }

        var outcome = await uploads.RemoveAsync(id, attachmentId, Actor.From(context.User), context.RequestAborted);
        return outcome.Succeeded ? TypedResults.NoContent() : Refused(outcome);
    }

    private static async Task<IResult> TransitionAsync(HttpContext context, int id, string? ifMatch, Func<string?, Actor, Task<Outcome>> transition, IResult? done = null)
    {
        var db = context.RequestServices.GetRequiredService<BayanDb>();
        var stamp = await db.Statements.Where(s => s.Id == id && s.DeletedAt == null).Select(s => s.ConcurrencyStamp).FirstOrDefaultAsync(context.RequestAborted);
        if (stamp is null)
        {
            return NoSuchStatement();
        }

        var outcome = await transition(Expected(ifMatch, stamp), Actor.From(context.User));
        if (!outcome.Succeeded)
        {
            return Refused(outcome);
        }

        return done ?? (await AnswerAsync(context, id))!;
    }

    /// <summary>The version the client says it changes (If-Match), or the current one.</summary>
    private static string? Expected(string? ifMatch, string? current) =>
        string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*" ? current : ifMatch.Trim().TrimStart('W', '/').Trim('"');

    private static bool HasScope(HttpContext context, ApiScopes scope) => context.User.HasClaim(ApiTokens.ScopeClaim, ApiScopeNames.Of(scope)[0]);

    /// <summary>A public statement's attachments change on the site at once: that is publishing, and needs its scope.</summary>
    private static async Task<ProblemHttpResult?> PublicWithoutScopeAsync(HttpContext context, BayanDb db, int id) =>
        !HasScope(context, ApiScopes.Publish)
        && await db.Statements.AnyAsync(s => s.Id == id && s.DeletedAt == null && (s.Status == StatementStatus.Published || s.Status == StatementStatus.Withdrawn), context.RequestAborted)
            ? ScopeMissing(ApiScopes.Publish, "A published statement's attachments change on the public site at once.")
            : null;

    private static ProblemHttpResult ScopeMissing(ApiScopes scope, string why) =>
        JsonBody.Problem(403, "The token may not do this.", $"{why} This needs a token with the \"{ApiScopeNames.Of(scope)[0]}\" scope.");

    /// <summary>Copies what the body sends onto the input; refuses what the actor's role cannot change or names nothing known.</summary>
    private static ProblemHttpResult? Apply(StatementWrite write, JsonElement raw, StatementInput input, HttpContext context, CatalogSnapshot site, Statement? statement)
    {
        bool Sent(string property) => JsonBody.Has(raw, property);
        var actor = Actor.From(context.User);
        string[] details = ["type", "series", "series_number", "signatories", "tags", "original_language", "published_on"];
        var mayChangeDetails = statement is null ? actor.CanWrite : actor.MayChange(statement);
        if (!mayChangeDetails && details.FirstOrDefault(Sent) is { } detail)
        {
            return JsonBody.Problem(403, "Your role does not allow this.", $"Only the statement's author and editors can change its details (\"{detail}\"); you can add and edit its translations.");
        }

        if (statement is { IsPublic: true } && details.FirstOrDefault(Sent) is { } shown && !HasScope(context, ApiScopes.Publish))
        {
            return ScopeMissing(ApiScopes.Publish, $"A published statement's details (\"{shown}\") change on the public site at once.");
        }

        if (statement?.Status == StatementStatus.Scheduled && Sent("published_on"))
        {
            return JsonBody.Problem(409, "Not possible in the statement's present state.", "A scheduled statement is dated when it is published: schedule it again to change its time.");
        }

        if (!actor.CanPublish && (Sent("series_number") || Sent("published_on")))
        {
            return JsonBody.Problem(403, "Your role does not allow this.", "Only editors set a statement's number and date; a statement is numbered and dated when it is published.");
        }

        var unknown = new List<string>();
        if (Sent("type"))
        {
            input.TypeId = write.Type is not null && site.TypesBySlug.TryGetValue(write.Type, out var type) ? type.Id : Unknown(unknown, "type", write.Type);
        }

        if (Sent("series"))
        {
            input.SeriesId = write.Series is null ? null : site.SeriesBySlug.TryGetValue(write.Series, out var series) ? series.Id : Unknown(unknown, "series", write.Series);
        }

        if (Sent("series_number"))
        {
            input.SeriesNumber = write.SeriesNumber;
        }

        if (Sent("signatories"))
        {
            input.Signatories = [.. (write.Signatories ?? []).Select(slug => site.OrganizationsBySlug.TryGetValue(slug, out var o) ? o.Id : Unknown(unknown, "organization", slug))];
        }

        if (Sent("tags"))
        {
            input.Tags = [.. (write.Tags ?? []).Select(slug => site.TagsBySlug.TryGetValue(slug, out var t) ? t.Id : Unknown(unknown, "tag", slug))];
        }

        if (Sent("original_language"))
        {
            input.OriginalLanguage = write.OriginalLanguage ?? "";
        }

        if (Sent("published_on"))
        {
            input.PublishedOn = write.PublishedOn;
        }

        // A translation's slug and summary left out keep what they are (sent as null or "": made from the title, none).
        var sentTranslations = Sent("translations") && raw.GetProperty("translations").ValueKind == JsonValueKind.Array ? raw.GetProperty("translations") : default;
        input.Translations = [.. (write.Translations ?? []).Select((t, i) =>
        {
            var existing = statement?.Translations.FirstOrDefault(x => x.Language == t.Language);
            var sent = sentTranslations[i];
            return new TranslationInput
            {
                Language = t.Language,
                Title = t.Title,
                Slug = JsonBody.Has(sent, "slug") ? t.Slug : existing?.Slug,
                Summary = JsonBody.Has(sent, "summary") ? t.Summary : existing?.Revisions.MaxBy(r => r.Version)?.Summary ?? existing?.Summary,
                Body = t.Body,
            };
        })];
        if (string.IsNullOrEmpty(input.OriginalLanguage))
        {
            input.OriginalLanguage = input.Translations.FirstOrDefault()?.Language ?? "";
        }

        return unknown.Count > 0
            ? JsonBody.Problem(422, "The statement cannot be saved as it is.", string.Join(" ", unknown))
            : null;
    }

    private static int Unknown(List<string> unknown, string what, string? slug)
    {
        var list = what switch { "type" => "types", "series" => "series", "organization" => "organizations", _ => "tags" };
        unknown.Add($"No {what} \"{slug}\" (see /api/v1/{list}).");
        return 0;
    }

    /// <summary>The statement as the editor form would show it: what a change starts from.</summary>
    private static StatementInput InputOf(Statement statement, CatalogSnapshot site) => new()
    {
        Id = statement.Id,
        ConcurrencyStamp = statement.ConcurrencyStamp,
        TypeId = statement.TypeId,
        SeriesId = statement.SeriesId,
        SeriesNumber = statement.SeriesNumber,
        Signatories = [.. statement.Signatories.OrderBy(s => s.Position).Select(s => s.OrganizationId)],
        Tags = [.. statement.Tags.Select(t => t.Id)],
        OriginalLanguage = statement.Translations.FirstOrDefault(t => t.IsOriginal)?.Language ?? "",
        PublishedOn = statement.PublishedAt is { } at && statement.Status != StatementStatus.Scheduled ? DateOnly.FromDateTime(site.ToLocal(at)) : null,
    };

    private static LocalizedText? Texts(IReadOnlyDictionary<string, string> texts, SiteLanguages languages, int maxLength) =>
        texts.All(t => languages.Find(t.Key) is not null && t.Value.Trim().Length <= maxLength)
            ? new LocalizedText(texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => languages.Find(t.Key)!.Code, t => t.Value.Trim()))
            : null;

    /// <summary>The statement as editors see it, with its concurrency stamp as ETag; null when there is none.</summary>
    private static async Task<IResult?> AnswerAsync(HttpContext context, int id, int status = StatusCodes.Status200OK, string? ifNoneMatch = null)
    {
        var writer = context.RequestServices.GetRequiredService<StatementWriter>();
        var statement = await writer.Load(id).AsNoTracking().FirstOrDefaultAsync(context.RequestAborted);
        if (statement is null)
        {
            return null;
        }

        var site = await context.RequestServices.GetRequiredService<Catalog>().GetAsync(context.RequestAborted);
        var urls = context.RequestServices.GetRequiredService<SiteUrls>();
        var original = statement.Translations.FirstOrDefault(t => t.IsOriginal);
        var body = new EditorialStatement(
            statement.Id,
            StatusNames[statement.Status],
            site.Types.TryGetValue(statement.TypeId, out var type) ? type.Slug : "",
            statement.SeriesId is { } s && site.Series.TryGetValue(s, out var series) ? series.Slug : null,
            statement.SeriesNumber,
            [.. statement.Signatories.OrderBy(x => x.Position).Select(x => site.Organizations[x.OrganizationId].Slug)],
            [.. statement.Tags.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            original?.Language ?? statement.Translations.FirstOrDefault()?.Language ?? "",
            statement.CreatedAt,
            statement.PublishedAt,
            statement.UpdatedAt,
            statement.WithdrawnAt,
            statement.ReviewComment,
            [.. statement.Translations.OrderByDescending(t => t.IsOriginal).ThenBy(t => t.Language, StringComparer.Ordinal).Select(t =>
            {
                var latest = t.Revisions.MaxBy(r => r.Version);
                var shown = t.Revisions.Where(r => r.WasPublished).MaxBy(r => r.Version);
                return new EditorialTranslation(
                    t.Language, t.IsOriginal, latest?.Title ?? t.Title, t.Slug, latest?.Summary ?? t.Summary, latest?.BodySource ?? t.BodySource,
                    latest?.Version ?? 0, t.IsPublished ? shown?.Version : null, t.IsOutOfDate,
                    statement.IsPublic && t.IsPublished ? urls.Absolute(Paths.Statement(t.Language, statement.Id, t.Slug)) : null);
            })],
            [.. statement.Attachments.Select(a => Attachment(context, a))]);
        var etag = $"\"{statement.ConcurrencyStamp}\"";
        context.Response.Headers.ETag = etag;
        if (ifNoneMatch is not null && ifNoneMatch.Split(',').Select(t => t.Trim()).Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Json(body, ApiFeature.Json, statusCode: status);
    }

    private static AttachmentInfo Attachment(HttpContext context, Core.Attachments.Attachment a) => new(
        a.Id, a.FileName, a.ContentType, a.Size, a.Sha256,
        context.RequestServices.GetRequiredService<SiteUrls>().Absolute(Paths.Attachment(a.Id, a.FileName)),
        a.Captions, a.PageCount, a.Width, a.Height);

    /// <summary>A refusal as problem details: the status says what kind, the detail says why in the user's language.</summary>
    private static ProblemHttpResult Refused(Outcome outcome)
    {
        var (status, title) = outcome.Kind switch
        {
            Refusal.Forbidden => (403, "Your role does not allow this."),
            Refusal.NotFound => (404, "Not found."),
            Refusal.Conflict => (409, "Not possible in the statement's present state."),
            Refusal.Stale => (412, "The statement changed since it was read."),
            _ => (422, "The statement cannot be saved as it is."),
        };
        // The publishing rules word a conflict of versions for the editor's form; a script is told what to do instead.
        var detail = outcome.Kind == Refusal.Stale
            ? "The statement changed since the version named in If-Match: read it again and send the change with its new ETag."
            : string.Join(" ", outcome.Refusals);
        return TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = outcome.Refusals });
    }

    private static ProblemHttpResult NoSuchStatement() => JsonBody.Problem(404, "Not found.", "No statement has this id (or it is in the trash).");

    private static readonly Dictionary<StatementStatus, string> StatusNames = new()
    {
        [StatementStatus.Draft] = "draft",
        [StatementStatus.InReview] = "in_review",
        [StatementStatus.Scheduled] = "scheduled",
        [StatementStatus.Published] = "published",
        [StatementStatus.Withdrawn] = "withdrawn",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex WithOffset();
}
