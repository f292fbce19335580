using Bayan.Core.Statements;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bayan.Publishing;

/// <summary>Makes, finds and revokes draft preview links.</summary>
public sealed class PreviewLinks(BayanDb db, TimeProvider time, IStringLocalizer<Shared.SharedResource> text)
{
    public static readonly int[] AllowedDays = [1, 3, 7, 14];

    /// <summary>Makes a link valid for <paramref name="days"/> days and returns its token, shown once.</summary>
    public async Task<(Outcome Outcome, string? Token)> CreateAsync(int statementId, int days, string? note, Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.CanWrite)
        {
            return (Outcome.Refused(text["Your role does not allow this. Ask an administrator if you need it."]), null);
        }

        if (!AllowedDays.Contains(days))
        {
            return (Outcome.Refused(text["Choose how long the link works."]), null);
        }

        if (!await db.Statements.AnyAsync(s => s.Id == statementId && s.DeletedAt == null, cancellationToken))
        {
            return (Outcome.Refused(text["This statement does not exist or was deleted."]), null);
        }

        var token = Shared.SecretTokens.New(24);
        var now = time.GetUtcNow().UtcDateTime;
        db.PreviewLinks.Add(new PreviewLink
        {
            StatementId = statementId,
            TokenHash = Shared.SecretTokens.Hash(token),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 200)],
            CreatedById = actor.UserId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        });
        await db.SaveChangesAsync(cancellationToken);
        return (Outcome.Done(statementId), token);
    }

    public async Task<Outcome> RevokeAsync(int statementId, int linkId, Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.CanWrite)
        {
            return Outcome.Refused(text["Your role does not allow this. Ask an administrator if you need it."]);
        }

        var link = await db.PreviewLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.StatementId == statementId, cancellationToken);
        if (link is null)
        {
            return Outcome.Refused(text["This link does not exist."]);
        }

        link.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(statementId);
    }

    /// <summary>The statement a live token opens, or null for an unknown, expired or revoked one.</summary>
    public async Task<int?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 64)
        {
            return null;
        }

        var hash = Shared.SecretTokens.Hash(token);
        var link = await db.PreviewLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return link is not null && link.IsActiveAt(time.GetUtcNow().UtcDateTime) ? link.StatementId : null;
    }

    public Task<List<PreviewLink>> ActiveAsync(int statementId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.PreviewLinks.AsNoTracking()
            .Where(l => l.StatementId == statementId && l.RevokedAt == null && l.ExpiresAt > now)
            .OrderByDescending(l => l.CreatedAt).ToListAsync(cancellationToken);
    }

}
