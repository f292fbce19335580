using Bayan.Audit;
using Bayan.Core;
using Bayan.Core.Audit;
using Bayan.Core.Statements;
using Bayan.Core.Taxonomy;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Publishing;

/// <summary>
/// The workflow's transitions, each a named operation that checks the actor's role and the statement's state,
/// acts in one transaction with its audit record, and explains a refusal in the user's language.
/// draft → in review → published (now, or scheduled); published → withdrawn or back to draft; drafts → trash and back.
/// </summary>
public sealed class Publisher(
    BayanDb db,
    StatementWriter writer,
    AuditLog audit,
    TimeProvider time,
    Shared.ContentChanges changes,
    Search.ISearchIndex index,
    Webhooks.WebhookOutbox webhooks,
    Verification.Notary notary,
    IStringLocalizer<Shared.SharedResource> text)
{
    public Task<Outcome> SubmitAsync(int id, string? stamp, Actor actor) =>
        TransitionAsync(id, stamp, actor, actor.CanWrite, [StatementStatus.Draft], AuditActions.Submitted, statement =>
        {
            statement.Status = StatementStatus.InReview;
            statement.ReviewComment = null;
        });

    public Task<Outcome> SendBackAsync(int id, string? stamp, string? comment, Actor actor) =>
        TransitionAsync(id, stamp, actor, actor.CanPublish, [StatementStatus.InReview, StatementStatus.Scheduled], AuditActions.SentBack, statement =>
        {
            statement.ReviewComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            // A scheduled time is dropped with the schedule; a date an editor set (back-dating) stays.
            if (statement.Status == StatementStatus.Scheduled && statement.Translations.All(t => !t.IsPublished))
            {
                statement.PublishedAt = null;
            }

            statement.Status = StatementStatus.Draft;
        });

    public Task<Outcome> PublishAsync(int id, string? stamp, Actor actor) =>
        TransitionAsync(id, stamp, actor, actor.CanPublish, [StatementStatus.Draft, StatementStatus.InReview, StatementStatus.Scheduled], AuditActions.Published, statement =>
            Publish(statement, time.GetUtcNow().UtcDateTime));

    public async Task<Outcome> ScheduleAsync(int id, string? stamp, DateTime atUtc, Actor actor)
    {
        if (atUtc <= time.GetUtcNow().UtcDateTime)
        {
            return Outcome.Refused(text["Choose a time in the future to schedule publication."]);
        }

        return await TransitionAsync(id, stamp, actor, actor.CanPublish, [StatementStatus.Draft, StatementStatus.InReview], AuditActions.Scheduled, statement =>
        {
            statement.Status = StatementStatus.Scheduled;
            statement.PublishedAt = atUtc;
        });
    }

    /// <summary>
    /// Publishes the pending changes of a published statement: corrected texts, each with its public change note in its
    /// own language (<paramref name="changeNotes"/>, by language code), and new translations.
    /// </summary>
    public Task<Outcome> PublishChangesAsync(int id, string? stamp, IReadOnlyDictionary<string, string?> changeNotes, Actor actor) =>
        TransitionAsync(id, stamp, actor, actor.CanPublish, [StatementStatus.Published, StatementStatus.Withdrawn], AuditActions.Corrected, statement =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var corrected = PublishTexts(statement, now, changeNotes);
            if (corrected)
            {
                statement.UpdatedAt = now;
            }
        },
        // Nothing waiting means nothing to announce: no audit record, no webhook event, no new version.
        refuse: statement => HasPendingText(statement) ? null : text["Nothing is waiting to be published: save a change or a new translation first."].Value);

    public Task<Outcome> WithdrawAsync(int id, string? stamp, LocalizedText reason, Actor actor)
    {
        if (reason.Count == 0)
        {
            return Task.FromResult(Outcome.Refused(text["Give readers the reason for withdrawing the statement."]));
        }

        return TransitionAsync(id, stamp, actor, actor.CanPublish, [StatementStatus.Published], AuditActions.Withdrawn, statement =>
        {
            statement.Status = StatementStatus.Withdrawn;
            statement.WithdrawnAt = time.GetUtcNow().UtcDateTime;
            statement.WithdrawalNote = reason;
        });
    }

    /// <summary>Puts a withdrawn statement back in the listings; the withdrawal stays in the audit log.</summary>
    public Task<Outcome> ReinstateAsync(int id, string? stamp, Actor actor) =>
        TransitionAsync(id, stamp, actor, actor.CanPublish, [StatementStatus.Withdrawn], AuditActions.Reinstated, statement =>
        {
            statement.Status = StatementStatus.Published;
            statement.WithdrawnAt = null;
            statement.WithdrawalNote = LocalizedText.None;
        });

    public Task<Outcome> UnpublishAsync(int id, string? stamp, Actor actor) =>
        TransitionAsync(id, stamp, actor, actor.CanPublish, [StatementStatus.Published, StatementStatus.Withdrawn], AuditActions.Unpublished, statement =>
            statement.Status = StatementStatus.Draft);

    /// <summary>Only drafts go to the trash; they can be restored from it.</summary>
    public Task<Outcome> DeleteAsync(int id, string? stamp, Actor actor) =>
        TransitionAsync(id, stamp, actor, actor.CanWrite, [StatementStatus.Draft], AuditActions.Deleted, statement =>
            statement.DeletedAt = time.GetUtcNow().UtcDateTime);

    public async Task<Outcome> RestoreAsync(int id, Actor actor)
    {
        if (!actor.CanWrite)
        {
            return Outcome.Forbidden(text["Your role does not allow this. Ask an administrator if you need it."]);
        }

        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Id == id && s.DeletedAt != null);
        if (statement is null)
        {
            return Outcome.NotFound(text["This statement is not in the trash."]);
        }

        if (!actor.CanPublish && !actor.IsAuthorOf(statement))
        {
            return Outcome.Forbidden(text["Only the statement's author and editors can do this."]);
        }

        statement.DeletedAt = null;
        statement.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        audit.Add(AuditActions.Restored, $"statement {id}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Its number was given to another statement while it was in the trash: it comes back without one.
            db.ChangeTracker.Clear();
            var again = await db.Statements.FirstAsync(s => s.Id == id);
            again.DeletedAt = null;
            again.SeriesNumber = null;
            again.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            audit.Add(AuditActions.Restored, $"statement {id}", "its series number was taken meanwhile");
            await db.SaveChangesAsync();
        }
        return Outcome.Done(id);
    }

    /// <summary>Publishes every scheduled statement whose time has come; returns how many. Run by the scheduler.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Statements.Where(s => s.Status == StatementStatus.Scheduled && s.PublishedAt <= now && s.DeletedAt == null)
            .Select(s => new { s.Id, s.ConcurrencyStamp }).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var statement in due)
        {
            if ((await PublishAsync(statement.Id, statement.ConcurrencyStamp, Actor.Scheduler)).Succeeded)
            {
                published++;
            }

            db.ChangeTracker.Clear();
        }

        return published;
    }

    private async Task<Outcome> TransitionAsync(
        int id, string? stamp, Actor actor, bool allowed, StatementStatus[] from, string action, Action<Statement> change, Func<Statement, string?>? refuse = null)
    {
        if (!allowed)
        {
            return Outcome.Forbidden(text["Your role does not allow this. Ask an administrator if you need it."]);
        }

        var statement = await writer.Load(id).FirstOrDefaultAsync();
        if (statement is null)
        {
            return Outcome.NotFound(text["This statement does not exist or was deleted."]);
        }

        // Authors submit and discard their own drafts only.
        if (!actor.CanPublish && !actor.IsAuthorOf(statement))
        {
            return Outcome.Forbidden(text["Only the statement's author and editors can do this."]);
        }

        if (statement.ConcurrencyStamp != stamp)
        {
            return Outcome.Stale(text["Someone else changed this statement after you opened it. Reload the page and try again."]);
        }

        if (!from.Contains(statement.Status))
        {
            return Outcome.Conflict(text["This cannot be done to a statement that is {0}.", StatusName(statement.Status)]);
        }

        if (action is AuditActions.Published && Unpublishable(statement) is { } reason)
        {
            return Outcome.Refused(reason);
        }

        if (refuse?.Invoke(statement) is { } refusal)
        {
            return Outcome.Conflict(refusal);
        }

        change(statement);
        statement.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        audit.Add(action, $"statement {id}", userId: actor.UserId, userName: actor.Name);
        // Announced to webhooks in the same transaction: a change saved is a change announced, and only then.
        await webhooks.AddAsync(action, statement, default);
        // The search index changes with the statement, in the same transaction: search never shows what readers cannot open.
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Stale(text["Someone else changed this statement after you opened it. Reload the page and try again."]);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Outcome.Conflict(text["Another statement took number {0} in this series at the same moment. Try again: the next free number will be given.", statement.SeriesNumber ?? 0]);
        }

        await index.UpdateAsync(id, default);
        // Signed and logged in the same transaction too: what readers can read has its signature, from the first moment.
        await notary.RecordAsync([id]);
        await transaction.CommitAsync();

        webhooks.Nudge();
        await changes.StatementSavedAsync(id);
        return Outcome.Done(id);
    }

    /// <summary>Whether a translation has a saved text readers do not see yet (a correction, or a language not yet published).</summary>
    private static bool HasPendingText(Statement statement) => statement.Translations.Any(t =>
        t.Revisions.MaxBy(r => r.Version) is { } latest && !(latest.WasPublished && t.IsPublished));

    private string? Unpublishable(Statement statement) =>
        statement.Translations.Count == 0 ? text["Write the statement in at least one language."].Value
        : statement.Signatories.Count == 0 ? text["Choose the organization that leads the statement."].Value
        : null;

    private void Publish(Statement statement, DateTime now)
    {
        var wasScheduled = statement.Status == StatementStatus.Scheduled;
        statement.Status = StatementStatus.Published;
        // A date in the past was set by an editor on purpose (a statement first issued on paper): it is kept.
        if (statement.PublishedAt is null || statement.PublishedAt > now || wasScheduled)
        {
            statement.PublishedAt = now;
        }

        if (statement.SeriesId is { } seriesId && statement.SeriesNumber is null)
        {
            var given = db.Statements.Where(s => s.SeriesId == seriesId && s.SeriesNumber != null && s.Id != statement.Id)
                .Select(s => s.SeriesNumber!.Value).ToList();
            statement.SeriesNumber = SeriesLabel.NextNumber(given);
        }

        PublishTexts(statement, now, changeNotes: new Dictionary<string, string?>());
    }

    /// <summary>Makes each translation's newest revision the public text; returns whether a public text changed.</summary>
    private static bool PublishTexts(Statement statement, DateTime now, IReadOnlyDictionary<string, string?> changeNotes)
    {
        var changedPublicText = false;
        var originalChanged = false;
        var brought = new HashSet<string>();
        foreach (var translation in statement.Translations)
        {
            var latest = translation.Revisions.OrderByDescending(r => r.Version).FirstOrDefault();
            if (latest is null || (latest.WasPublished && translation.IsPublished))
            {
                continue;
            }

            var wasPublic = translation.IsPublished;
            translation.SetText(latest.Title, latest.Summary, new Core.Text.RenderedBody(latest.BodySource, latest.BodyFormat, latest.BodyHtml, Core.Text.Excerpt.FromHtml(latest.BodyHtml)));
            translation.IsPublished = true;
            translation.IsOutOfDate = false;
            latest.WasPublished = true;
            if (wasPublic)
            {
                latest.ChangeNote = changeNotes.GetValueOrDefault(translation.Language) is { } note && !string.IsNullOrWhiteSpace(note) ? note.Trim() : null;
                latest.SavedAt = now;
                changedPublicText = true;
                originalChanged |= translation.IsOriginal;
            }

            brought.Add(translation.Language);
        }

        // Readers of a translation must not be silently given a text the original no longer says.
        if (originalChanged)
        {
            foreach (var translation in statement.Translations.Where(t => !t.IsOriginal && !brought.Contains(t.Language)))
            {
                translation.IsOutOfDate = true;
            }
        }

        return changedPublicText;
    }

    private string StatusName(StatementStatus status) => status switch
    {
        StatementStatus.Draft => text["state: a draft"],
        StatementStatus.InReview => text["state: waiting for review"],
        StatementStatus.Scheduled => text["state: scheduled"],
        StatementStatus.Published => text["state: published"],
        _ => text["state: withdrawn"],
    };
}
