using System.Text.Json;
using Bayan.Core;
using Bayan.Core.Attachments;
using Bayan.Core.Statements;
using Bayan.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bayan.Data;

// The indexes below are the ones the public pages use; QueryPlanTests reads SQLite's plans to keep it so.
// Index filters quote their column names: PostgreSQL folds unquoted names to lower case, SQLite takes either.

internal sealed class StatementConfiguration : IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.Property(s => s.Status).HasConversion<int>();
        builder.HasIndex(s => new { s.Status, s.PublishedAt, s.Id });
        builder.HasIndex(s => new { s.TypeId, s.Status, s.PublishedAt });
        builder.HasIndex(s => new { s.SeriesId, s.SeriesNumber });
        // Two editors publishing in one series at the same instant must not both get the next number.
        builder.HasIndex(s => new { s.SeriesId, s.SeriesNumber }, "IX_Statements_SeriesNumber_Unique")
            .IsUnique().HasFilter("\"SeriesNumber\" IS NOT NULL AND \"DeletedAt\" IS NULL");
        builder.HasOne(s => s.Type).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Series).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Tags).WithMany().UsingEntity(
            "StatementTag",
            right => right.HasOne(typeof(Tag)).WithMany().HasForeignKey("TagId"),
            left => left.HasOne(typeof(Statement)).WithMany().HasForeignKey("StatementId"),
            join =>
            {
                join.HasKey("StatementId", "TagId");
                join.HasIndex("TagId", "StatementId");
            });
        builder.Navigation(s => s.Signatories).AutoInclude(false);
        builder.Property(s => s.ConcurrencyStamp).IsConcurrencyToken().HasMaxLength(32);
        builder.HasIndex(s => new { s.CreatedById, s.Status });
    }
}

internal sealed class SignatoryConfiguration : IEntityTypeConfiguration<Signatory>
{
    public void Configure(EntityTypeBuilder<Signatory> builder)
    {
        builder.HasKey(s => new { s.StatementId, s.OrganizationId });
        builder.HasIndex(s => new { s.OrganizationId, s.StatementId });
        builder.HasOne<Statement>().WithMany(s => s.Signatories).HasForeignKey(s => s.StatementId);
        builder.HasOne(s => s.Organization).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TranslationConfiguration : IEntityTypeConfiguration<StatementTranslation>
{
    public void Configure(EntityTypeBuilder<StatementTranslation> builder)
    {
        builder.HasIndex(t => new { t.StatementId, t.Language }).IsUnique();
        // Slugs are unique within a language, so a title can never take another statement's URL.
        builder.HasIndex(t => new { t.Language, t.Slug }).IsUnique();
        // Every public address at once (the sitemaps) without reading a single text: the index holds all it needs.
        builder.HasIndex(t => new { t.StatementId, t.Language, t.IsPublished, t.Slug }, "IX_Translations_Addresses");
        builder.Property(t => t.Language).HasMaxLength(16);
        builder.Property(t => t.BodyFormat).HasConversion<int>();
        builder.Property(t => t.BodyHtml);
        builder.Property(t => t.Excerpt);
    }
}

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.HasIndex(r => new { r.TranslationId, r.Version }).IsUnique();
        builder.Property(r => r.BodyFormat).HasConversion<int>();
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder) =>
        builder.HasIndex(a => new { a.StatementId, a.Position });
}

internal sealed class TaxonomyConfiguration :
    IEntityTypeConfiguration<StatementType>,
    IEntityTypeConfiguration<Series>,
    IEntityTypeConfiguration<Tag>,
    IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<StatementType> builder) => builder.HasIndex(t => t.Slug).IsUnique();

    public void Configure(EntityTypeBuilder<Series> builder) => builder.HasIndex(s => s.Slug).IsUnique();

    public void Configure(EntityTypeBuilder<Tag> builder) => builder.HasIndex(t => t.Slug).IsUnique();

    public void Configure(EntityTypeBuilder<Organization> builder) => builder.HasIndex(o => o.Slug).IsUnique();
}

internal sealed class RedirectConfiguration : IEntityTypeConfiguration<Redirect>
{
    public void Configure(EntityTypeBuilder<Redirect> builder) => builder.HasIndex(r => r.Path).IsUnique();
}

internal sealed class SiteIdentityConfiguration : IEntityTypeConfiguration<SiteIdentity>
{
    public void Configure(EntityTypeBuilder<SiteIdentity> builder)
    {
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.FooterLinks).HasConversion(
            links => JsonSerializer.Serialize(links, JsonSerializerOptions.Default),
            json => JsonSerializer.Deserialize<List<FooterLink>>(json, JsonSerializerOptions.Default) ?? new List<FooterLink>(),
            new ValueComparer<List<FooterLink>>(
                (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
                links => links.Count,
                links => links.ToList()));
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<Core.Audit.AuditEvent>
{
    public void Configure(EntityTypeBuilder<Core.Audit.AuditEvent> builder)
    {
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.Action, e.At });
        builder.HasIndex(e => new { e.UserId, e.At });
    }
}

internal sealed class PreviewLinkConfiguration : IEntityTypeConfiguration<PreviewLink>
{
    public void Configure(EntityTypeBuilder<PreviewLink> builder)
    {
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.StatementId);
        builder.HasOne<Statement>().WithMany().HasForeignKey(l => l.StatementId);
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<Accounts.SignInSession>
{
    public void Configure(EntityTypeBuilder<Accounts.SignInSession> builder)
    {
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<Api.ApiToken>
{
    public void Configure(EntityTypeBuilder<Api.ApiToken> builder)
    {
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.HasIndex(t => t.UserId);
        // Removing a person removes their tokens.
        builder.HasOne<Accounts.BayanUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhooks.Webhook>
{
    public void Configure(EntityTypeBuilder<Webhooks.Webhook> builder)
    {
        builder.Property(w => w.Url).HasMaxLength(Webhooks.WebhookOutbox.MaxUrlLength);
        builder.Property(w => w.Description).HasMaxLength(200);
        builder.Property(w => w.Secret).HasMaxLength(64);
        builder.Property(w => w.Events).HasMaxLength(200);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<Webhooks.WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<Webhooks.WebhookDelivery> builder)
    {
        builder.Property(d => d.MessageId).HasMaxLength(40);
        builder.Property(d => d.Event).HasMaxLength(40);
        builder.Property(d => d.LastError).HasMaxLength(500);
        // What the dispatcher looks for: deliveries still to make, by when they are due.
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("\"DeliveredAt\" IS NULL AND \"FailedAt\" IS NULL");
        builder.HasIndex(d => new { d.WebhookId, d.CreatedAt });
        builder.HasOne<Webhooks.Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportedPostConfiguration : IEntityTypeConfiguration<Import.ImportedPost>
{
    public void Configure(EntityTypeBuilder<Import.ImportedPost> builder)
    {
        builder.Property(p => p.Source).HasMaxLength(500);
        builder.Property(p => p.PostGuid).HasMaxLength(500);
        builder.HasIndex(p => new { p.Source, p.PostGuid }).IsUnique();
        builder.HasIndex(p => p.StatementId);
        builder.Property(p => p.TranslationGroup).HasMaxLength(200);
        builder.HasIndex(p => new { p.Source, p.TranslationGroup });
        builder.HasIndex(p => new { p.Source, p.PostId });
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    // One row per key: two instances copying the same earlier keys at once must not both succeed (a key ring with a
    // key twice is refused, and every form with it).
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> builder) =>
        builder.HasIndex(k => k.FriendlyName).IsUnique();
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<Attachments.StoredFile>
{
    public void Configure(EntityTypeBuilder<Attachments.StoredFile> builder)
    {
        builder.HasKey(f => f.Sha256);
        builder.Property(f => f.Sha256).HasMaxLength(64);
    }
}
