using System.Text;
using Bayan.Audit;
using Bayan.Core;
using Bayan.Core.Attachments;
using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.Publishing;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Bayan.Attachments;

/// <summary>Adds and removes a statement's attachments, after checking each file by its content and size.</summary>
public sealed class AttachmentUploads(
    BayanDb db,
    FileStore files,
    AuditLog audit,
    ContentChanges changes,
    Search.ISearchIndex index,
    Verification.Notary notary,
    IOptions<SiteOptions> options,
    IStringLocalizer<SharedResource> text)
{
    public long MaxBytes => options.Value.MaxUploadMegabytes * 1024L * 1024L;

    public async Task<Outcome> AddAsync(int statementId, string fileName, Stream content, long length, LocalizedText captions, Actor actor, CancellationToken cancellationToken)
    {
        var statement = await db.Statements.Include(s => s.Attachments).FirstOrDefaultAsync(s => s.Id == statementId && s.DeletedAt == null, cancellationToken);
        if (statement is null)
        {
            return Outcome.NotFound(text["This statement does not exist or was deleted."]);
        }

        if (!MayChange(statement, actor))
        {
            return Outcome.Forbidden(text["Your role does not allow this. Ask an administrator if you need it."]);
        }

        if (length <= 0)
        {
            return Outcome.Refused(text["Choose a file to attach."]);
        }

        if (captions.Values.Any(c => c.Length > 500))
        {
            return Outcome.Refused(text["A caption can be at most 500 characters."]);
        }

        if (length > MaxBytes)
        {
            return Outcome.Refused(text["This file is larger than the {0} MB allowed.", options.Value.MaxUploadMegabytes]);
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var file = UploadCheck.Inspect(bytes, out var problem);
        if (file is null)
        {
            // A name that promises what the content is not (an executable renamed .pdf) is worth saying plainly.
            var claimed = Path.GetExtension(fileName).ToLowerInvariant();
            var disguised = UploadCheck.Sniff(bytes) is null && claimed is ".pdf" or ".jpg" or ".jpeg" or ".png" or ".webp";
            return Outcome.Refused(disguised ? text["This file is not really a {0} file, whatever its name says.", claimed.TrimStart('.').ToUpperInvariant()] : text[problem!]);
        }

        var sha256 = await files.SaveAsync(file.Bytes, cancellationToken);
        if (statement.Attachments.Any(a => a.Sha256 == sha256))
        {
            return Outcome.Conflict(text["This file is already attached to the statement."]);
        }

        statement.Attachments.Add(new Attachment
        {
            FileName = SafeName(fileName, file.ContentType),
            ContentType = file.ContentType,
            Size = file.Bytes.Length,
            Sha256 = sha256,
            Captions = captions,
            ExtractedText = file.Text,
            PageCount = file.PageCount,
            Width = file.Width,
            Height = file.Height,
            ThumbnailSha256 = file.Thumbnail is null ? null : await files.SaveAsync(file.Thumbnail, cancellationToken),
            Position = statement.Attachments.Count == 0 ? 0 : statement.Attachments.Max(a => a.Position) + 1,
        });
        statement.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        audit.Add(Core.Audit.AuditActions.AttachmentAdded, $"statement {statementId}", $"{file.ContentType}, {file.Bytes.Length} bytes", actor.UserId, actor.Name);
        await SaveAndIndexAsync(statementId, cancellationToken);
        await changes.StatementSavedAsync(statementId);
        return Outcome.Done(statementId);
    }

    public async Task<Outcome> RemoveAsync(int statementId, int attachmentId, Actor actor, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.Include(a => a.Statement).FirstOrDefaultAsync(a => a.Id == attachmentId && a.StatementId == statementId, cancellationToken);
        if (attachment is null)
        {
            return Outcome.NotFound(text["This attachment does not exist."]);
        }

        if (!MayChange(attachment.Statement, actor))
        {
            return Outcome.Forbidden(text["Your role does not allow this. Ask an administrator if you need it."]);
        }

        db.Attachments.Remove(attachment);
        attachment.Statement.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        audit.Add(Core.Audit.AuditActions.AttachmentRemoved, $"statement {statementId}", attachment.FileName, actor.UserId, actor.Name);
        await SaveAndIndexAsync(statementId, cancellationToken);
        await changes.StatementSavedAsync(statementId);
        return Outcome.Done(statementId);
    }

    /// <summary>Replaces an attachment's captions (one per language); what readers see changes at once, as with the file itself.</summary>
    public async Task<Outcome> SetCaptionsAsync(int statementId, int attachmentId, LocalizedText captions, Actor actor, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.Include(a => a.Statement).FirstOrDefaultAsync(a => a.Id == attachmentId && a.StatementId == statementId, cancellationToken);
        if (attachment is null || attachment.Statement.DeletedAt is not null)
        {
            return Outcome.NotFound(text["This attachment does not exist."]);
        }

        if (!MayChange(attachment.Statement, actor))
        {
            return Outcome.Forbidden(text["Your role does not allow this. Ask an administrator if you need it."]);
        }

        if (captions.Values.Any(c => c.Length > 500))
        {
            return Outcome.Refused(text["A caption can be at most 500 characters."]);
        }

        attachment.Captions = captions;
        attachment.Statement.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        audit.Add(Core.Audit.AuditActions.AttachmentCaptioned, $"statement {statementId}", attachment.FileName, actor.UserId, actor.Name);
        await SaveAndIndexAsync(statementId, cancellationToken);
        await changes.StatementSavedAsync(statementId);
        return Outcome.Done(statementId);
    }

    /// <summary>Saves, and re-indexes the statement in the same transaction: an attachment's text is searchable with it.</summary>
    private async Task SaveAndIndexAsync(int statementId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await index.UpdateAsync(statementId, cancellationToken);
        // A published statement's attachments are part of what is signed (their SHA-256).
        await notary.RecordAsync([statementId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Authors attach files to their own statements until publication; editors always; translators never.</summary>
    private static bool MayChange(Statement statement, Actor actor) => actor.MayChange(statement);

    /// <summary>The name readers download: letters, digits, dots, hyphens and underscores, with the extension of what the file is.</summary>
    internal static string SafeName(string fileName, string contentType)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName.Replace('\\', '/')));
        var clean = new StringBuilder();
        foreach (var c in stem.Normalize(NormalizationForm.FormC))
        {
            clean.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        var name = clean.ToString().Trim('-', '.');
        var extension = contentType switch { "image/jpeg" => ".jpg", "image/png" => ".png", "image/webp" => ".webp", _ => ".pdf" };
        return (name.Length == 0 ? "attachment" : name[..Math.Min(name.Length, 100)]) + extension;
    }
}
