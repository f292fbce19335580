using Bayan.Core.Statements;
using Bayan.Core.Text;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Publishing;

/// <summary>
/// Saves what the editor form sends. Every save of a text is a new revision. Text that readers see is never changed
/// here: edits to a published translation wait in a newer revision until an editor publishes them (Publisher).
/// </summary>
public sealed class StatementWriter(
    BayanDb db,
    TimeProvider time,
    Shared.SiteLanguages languages,
    Shared.Catalog catalog,
    Shared.ContentChanges changes,
    Verification.Notary notary,
    IStringLocalizer<Shared.SharedResource> text)
{
    /// <summary>Saves only the texts in <paramref name="input"/> (restoring a revision): type, series and signatories stay.</summary>
    public Task<Outcome> SaveTranslationOnlyAsync(StatementInput input, Actor actor, CancellationToken cancellationToken = default) =>
        SaveAsync(input, actor, textOnly: true, cancellationToken);

    public Task<Outcome> SaveAsync(StatementInput input, Actor actor, CancellationToken cancellationToken = default) =>
        SaveAsync(input, actor, textOnly: false, cancellationToken);

    private async Task<Outcome> SaveAsync(StatementInput input, Actor actor, bool textOnly, CancellationToken cancellationToken)
    {
        if (!actor.CanTranslate)
        {
            return Outcome.Forbidden(text["Your role does not allow this. Ask an administrator if you need it."]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        Statement statement;
        if (input.Id is { } id)
        {
            var found = await Load(id).FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return Outcome.NotFound(text["This statement does not exist or was deleted."]);
            }

            statement = found;
            if (statement.ConcurrencyStamp != input.ConcurrencyStamp)
            {
                return Outcome.Stale(text["Someone else saved this statement after you opened it. Your text is still in the form: copy what you need, reload the page to see their version, and save again."]);
            }
        }
        else
        {
            if (!actor.CanWrite)
            {
                return Outcome.Forbidden(text["Translators can add and edit translations of existing statements only."]);
            }

            statement = new Statement { Status = StatementStatus.Draft, CreatedAt = now, CreatedById = actor.UserId };
            db.Statements.Add(statement);
        }

        // Empty form fields bind as null; the rules below read them as empty text.
        foreach (var translation in input.Translations)
        {
            translation.Title ??= "";
            translation.Body ??= "";
        }

        if (Forbidden(input, statement, actor) is { } forbidden)
        {
            return Outcome.Forbidden(forbidden);
        }

        var refusals = new List<string>();
        await ValidateAsync(input, statement, actor, textOnly, refusals, cancellationToken);
        if (refusals.Count > 0)
        {
            return Outcome.Refused(refusals);
        }

        // The original must be a language the statement is written in; otherwise the first one written is.
        if (!string.IsNullOrEmpty(input.OriginalLanguage)
            && input.Translations.All(t => t.Language != input.OriginalLanguage) && statement.Translations.All(t => t.Language != input.OriginalLanguage))
        {
            input.OriginalLanguage = statement.Translations.FirstOrDefault(t => t.IsOriginal)?.Language ?? input.Translations.FirstOrDefault()?.Language ?? "";
        }

        if (!textOnly && MayChangeDetails(statement, actor))
        {
            await ApplyDetailsAsync(statement, input, actor, now, cancellationToken);
        }

        foreach (var translationInput in input.Translations)
        {
            await ApplyTextAsync(statement, translationInput, input.OriginalLanguage, actor, now, cancellationToken);
        }

        statement.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        // A public statement's details (type, series, signatories) are public at once, so they are signed with the save.
        await using var transaction = statement.IsPublic ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await notary.RecordAsync([statement.Id], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale(text["Someone else saved this statement after you opened it. Your text is still in the form: copy what you need, reload the page to see their version, and save again."]);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Outcome.Refused(text["Number {0} is already used in this series.", input.SeriesNumber ?? 0]);
        }

        // Type, series, date, signatories and tags of a published statement change on the public site at once
        // (its texts wait for an editor); a new organization is in every list.
        if (OrganizationAdded)
        {
            await changes.SiteSavedAsync();
        }

        if (statement.IsPublic)
        {
            await changes.StatementSavedAsync(statement.Id);
        }

        return Outcome.Done(statement.Id);
    }

    public const int MaxTitleLength = 300;

    public const int MaxSummaryLength = 1_000;

    /// <summary>About a hundred pages of text: more is not a statement.</summary>
    public const int MaxBodyLength = 500_000;

    /// <summary>The earliest date a statement can carry; anything before is a typing slip (0026 for 2026).</summary>
    public static DateOnly EarliestDate { get; } = new(1800, 1, 1);

    private bool OrganizationAdded { get; set; }

    internal IQueryable<Statement> Load(int id) => db.Statements
        .Where(s => s.Id == id && s.DeletedAt == null)
        .Include(s => s.Translations).ThenInclude(t => t.Revisions)
        .Include(s => s.Signatories)
        .Include(s => s.Tags)
        .Include(s => s.Attachments.OrderBy(a => a.Position))
        .AsSplitQuery();

    /// <summary>Type, series, signatories and tags: their author until publication, editors always, translators never.</summary>
    private static bool MayChangeDetails(Statement statement, Actor actor) => actor.MayChange(statement);

    /// <summary>
    /// What the actor's role forbids whatever the input. Whoever may not change the statement itself (a translator, an
    /// author on someone else's statement or on their own once it is scheduled or published) works on it as a translator:
    /// its translations are theirs to write, its original text and address are not.
    /// </summary>
    private string? Forbidden(StatementInput input, Statement statement, Actor actor)
    {
        if (actor.MayChange(statement))
        {
            return null;
        }

        var original = statement.Translations.FirstOrDefault(t => t.IsOriginal);
        var latest = original?.Revisions.MaxBy(r => r.Version);
        var rewritten = input.Translations.FirstOrDefault(t => t.Language == original?.Language);
        if (latest is null || rewritten is null || !Differs(latest, rewritten)
            && (string.IsNullOrWhiteSpace(rewritten.Slug) || Slug.From(rewritten.Slug) == original!.Slug))
        {
            return null;
        }

        return actor.CanWrite && actor.IsAuthorOf(statement)
            ? text["Only editors can change a statement once it is scheduled or published."].Value
            : text["Only the statement's author and editors can change its original text; you can add and edit its translations."].Value;
    }

    /// <summary>
    /// Whether a text sent differs from a saved revision. Line breaks are compared as line breaks: browsers send a
    /// textarea's as CR LF whatever it was saved with.
    /// </summary>
    private static bool Differs(Revision revision, TranslationInput input) =>
        revision.Title != input.Title.Trim() || revision.Summary != Normalize(input.Summary)
        || revision.BodySource.ReplaceLineEndings("\n") != input.Body.ReplaceLineEndings("\n");

    private async Task ValidateAsync(StatementInput input, Statement statement, Actor actor, bool textOnly, List<string> refusals, CancellationToken cancellationToken)
    {

        if (!textOnly && MayChangeDetails(statement, actor))
        {
            if (!await db.StatementTypes.AnyAsync(t => t.Id == input.TypeId, cancellationToken))
            {
                refusals.Add(text["Choose the type of statement."]);
            }

            if (input.Signatories.Count == 0 && string.IsNullOrWhiteSpace(input.NewOrganization))
            {
                refusals.Add(text["Choose the organization that leads the statement."]);
            }
            else if (input.Signatories.Distinct().Count() != input.Signatories.Count
                || await db.Organizations.CountAsync(o => input.Signatories.Contains(o.Id), cancellationToken) != input.Signatories.Count)
            {
                refusals.Add(text["Each signatory must be a known organization, listed once."]);
            }

            if (input.SeriesId is { } seriesId && !await db.Series.AnyAsync(s => s.Id == seriesId, cancellationToken))
            {
                refusals.Add(text["Choose a series from the list."]);
            }

            if (input.NewOrganization?.Trim().Length > 200)
            {
                refusals.Add(text["An organization's name can be at most 200 characters."]);
            }

            if (actor.CanPublish && input.PublishedOn is { } day && statement.Status != StatementStatus.Scheduled)
            {
                var today = DateOnly.FromDateTime((await catalog.GetAsync(cancellationToken)).ToLocal(time.GetUtcNow().UtcDateTime));
                if (day > today)
                {
                    refusals.Add(text["The statement's date cannot be in the future. To publish it later, schedule it."]);
                }
                else if (day < EarliestDate)
                {
                    refusals.Add(text["Check the statement's date: it is before {0}.", EarliestDate.Year]);
                }
            }

            if (input.SeriesNumber is { } number && actor.CanPublish)
            {
                if (input.SeriesId is null)
                {
                    refusals.Add(text["A number needs a series: choose the series, or leave the number empty."]);
                }
                else if (number is < 1 or > Core.Taxonomy.SeriesLabel.MaxNumber)
                {
                    refusals.Add(text["A number in a series is between 1 and {0}.", Core.Taxonomy.SeriesLabel.MaxNumber]);
                }
                else if (await db.Statements.AnyAsync(s => s.SeriesId == input.SeriesId && s.SeriesNumber == number && s.Id != statement.Id && s.DeletedAt == null, cancellationToken))
                {
                    refusals.Add(text["Number {0} is already used in this series.", number]);
                }
            }
        }

        if (input.Translations.Count == 0 && statement.Translations.Count == 0)
        {
            refusals.Add(text["Write the statement in at least one language."]);
        }

        // Languages come from the form as codes: only the site's own are accepted, each once.
        if (input.Translations.Any(t => languages.Find(t.Language) is null && statement.Translations.All(existing => existing.Language != t.Language))
            || input.Translations.Select(t => t.Language).Distinct().Count() != input.Translations.Count)
        {
            refusals.Add(text["Write each text in one of the site's languages, once."]);
            return;
        }

        foreach (var translation in input.Translations)
        {
            if (translation.Title.Length > MaxTitleLength || translation.Summary?.Length > MaxSummaryLength
                || translation.Body.Length > MaxBodyLength || translation.Slug?.Length > MaxTitleLength)
            {
                refusals.Add(text["The {0} version is too long: titles and addresses up to {1} characters, summaries up to {2}, texts up to {3}.",
                    languages.Find(translation.Language)?.NativeName ?? translation.Language, MaxTitleLength, MaxSummaryLength, MaxBodyLength]);
                continue;
            }

            if (string.IsNullOrWhiteSpace(translation.Title) || string.IsNullOrWhiteSpace(translation.Body))
            {
                refusals.Add(text["The {0} version needs a title and a text.", languages.Find(translation.Language)?.NativeName ?? translation.Language]);
                continue;
            }

            var slug = Slug.From(string.IsNullOrWhiteSpace(translation.Slug) ? translation.Title : translation.Slug);
            if (!string.IsNullOrWhiteSpace(translation.Slug)
                && await db.Translations.AnyAsync(t => t.Language == translation.Language && t.Slug == slug && t.StatementId != statement.Id, cancellationToken))
            {
                refusals.Add(text["The address {0} is already used by another statement in this language.", slug]);
            }
        }
    }

    private async Task ApplyDetailsAsync(Statement statement, StatementInput input, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        if (actor.CanPublish && statement.Status != StatementStatus.Scheduled)
        {
            await ApplyDateAsync(statement, input.PublishedOn, cancellationToken);
        }

        statement.TypeId = input.TypeId;
        if (statement.SeriesId != input.SeriesId)
        {
            statement.SeriesId = input.SeriesId;
            statement.SeriesNumber = null;
        }

        if (actor.CanPublish && input.SeriesNumber is not null)
        {
            statement.SeriesNumber = input.SeriesNumber;
        }

        statement.Signatories.Clear();
        statement.Signatories.AddRange(input.Signatories.Select((id, position) => new Signatory { OrganizationId = id, Position = position }));
        if (await NewOrganizationAsync(input.NewOrganization, input.OriginalLanguage, cancellationToken) is { } added && !input.Signatories.Contains(added.Id))
        {
            // Saved with the statement, in the same transaction: a refused save leaves no stray organization behind.
            statement.Signatories.Add(new Signatory { Organization = added, Position = statement.Signatories.Count });
        }
        statement.Tags.Clear();
        statement.Tags.AddRange(await db.Tags.Where(t => input.Tags.Contains(t.Id)).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// A new day is stored as noon in the site's time zone, so it reads as the same day anywhere near it;
    /// the same day as before keeps the exact time it was published.
    /// </summary>
    private async Task ApplyDateAsync(Statement statement, DateOnly? day, CancellationToken cancellationToken)
    {
        var site = await catalog.GetAsync(cancellationToken);
        if (day is null)
        {
            // A published statement keeps its date; a draft's back-date can be taken away.
            if (!statement.IsPublic)
            {
                statement.PublishedAt = null;
            }

            return;
        }

        if (statement.PublishedAt is { } current && DateOnly.FromDateTime(site.ToLocal(current)) == day)
        {
            return;
        }

        statement.PublishedAt = site.ToUtc(day.Value.ToDateTime(new TimeOnly(12, 0)));
    }

    /// <summary>
    /// The organization named in the editor's "new co-signer" field: an existing one with that name, or a new one named
    /// in the statement's original language (added to the context, saved with the statement).
    /// </summary>
    private async Task<Core.Taxonomy.Organization?> NewOrganizationAsync(string? name, string language, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var site = await catalog.GetAsync(cancellationToken);
        var known = site.Organizations.Values.FirstOrDefault(o => o.Names.Values.Any(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)));
        if (known is not null)
        {
            return await db.Organizations.FindAsync([known.Id], cancellationToken);
        }

        var wanted = Slug.From(name);
        if (wanted.Length == 0)
        {
            wanted = "organization";
        }

        var slug = wanted;
        for (var n = 2; await db.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken); n++)
        {
            slug = $"{wanted}-{n}";
        }

        var organization = new Core.Taxonomy.Organization
        {
            Slug = slug,
            Names = Core.LocalizedText.Of(languages.Find(language)?.Code ?? languages.Default.Code, name),
            // The first organization a new site names is its own.
            IsOwn = site.Organizations.Count == 0,
        };
        db.Organizations.Add(organization);
        OrganizationAdded = true;
        return organization;
    }

    private async Task ApplyTextAsync(Statement statement, TranslationInput input, string originalLanguage, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        var translation = statement.Translations.FirstOrDefault(t => t.Language == input.Language);
        if (translation is null)
        {
            translation = new StatementTranslation { Language = input.Language };
            statement.Translations.Add(translation);
        }

        if (actor.CanWrite && !string.IsNullOrEmpty(originalLanguage))
        {
            translation.IsOriginal = translation.Language == originalLanguage;
        }

        var latest = translation.Revisions.OrderByDescending(r => r.Version).FirstOrDefault();
        // A text keeps the format it was written in: Markdown from the editor, HTML brought in from WordPress.
        var format = FormatOf(translation);
        var body = RenderedBody.From(input.Body, format);
        var slug = await FreeSlugAsync(statement, input, cancellationToken);
        if (latest is not null && !Differs(latest, input))
        {
            // Nothing changed in the text: no new revision.
            if (!translation.IsPublished)
            {
                translation.Slug = slug;
            }

            return;
        }

        if (!translation.IsPublished)
        {
            translation.Slug = slug;
            translation.SetText(input.Title, input.Summary, body);
        }

        var revision = new Revision
        {
            Translation = translation,
            Version = (latest?.Version ?? 0) + 1,
            Title = input.Title.Trim(),
            Summary = Normalize(input.Summary),
            BodySource = input.Body,
            BodyFormat = format,
            BodyHtml = body.Html,
            SavedAt = now,
            SavedBy = actor.Name,
            SavedById = actor.UserId,
        };
        translation.Revisions.Add(revision);
    }

    /// <summary>The slug asked for, or one derived from the title and made unique in its language with -2, -3….</summary>
    private async Task<string> FreeSlugAsync(Statement statement, TranslationInput input, CancellationToken cancellationToken)
    {
        var wanted = Slug.From(string.IsNullOrWhiteSpace(input.Slug) ? input.Title : input.Slug);
        if (wanted.Length == 0)
        {
            wanted = "statement";
        }

        var candidate = wanted;
        for (var n = 2; await db.Translations.AnyAsync(t => t.Language == input.Language && t.Slug == candidate && t.StatementId != statement.Id, cancellationToken); n++)
        {
            candidate = $"{wanted}-{n}";
        }

        return candidate;
    }

    /// <summary>The format of a translation's newest text; a new translation is written in Markdown.</summary>
    public static BodyFormat FormatOf(StatementTranslation? translation) =>
        translation?.Revisions.MaxBy(r => r.Version)?.BodyFormat ?? BodyFormat.Markdown;

    private static string? Normalize(string? summary) => string.IsNullOrWhiteSpace(summary) ? null : summary.Trim();
}
