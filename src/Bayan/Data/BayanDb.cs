using Bayan.Accounts;
using Bayan.Core;
using Bayan.Core.Attachments;
using Bayan.Core.Audit;
using Bayan.Core.Statements;
using Bayan.Core.Taxonomy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Data;

/// <summary>The database. Pages query it directly with projections; there is no repository layer over it.</summary>
public class BayanDb(DbContextOptions options) : IdentityDbContext<BayanUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and antiforgery tokens (ASP.NET Core Data Protection), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Statement> Statements => Set<Statement>();

    public DbSet<StatementTranslation> Translations => Set<StatementTranslation>();

    public DbSet<Revision> Revisions => Set<Revision>();

    public DbSet<Signatory> Signatories => Set<Signatory>();

    public DbSet<StatementType> StatementTypes => Set<StatementType>();

    public DbSet<Series> Series => Set<Series>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<Redirect> Redirects => Set<Redirect>();

    public DbSet<SiteIdentity> SiteIdentity => Set<SiteIdentity>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<PreviewLink> PreviewLinks => Set<PreviewLink>();

    public DbSet<Accounts.SignInSession> SignInSessions => Set<Accounts.SignInSession>();

    public DbSet<Api.ApiToken> ApiTokens => Set<Api.ApiToken>();

    public DbSet<Webhooks.Webhook> Webhooks => Set<Webhooks.Webhook>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    public DbSet<Import.ImportedPost> ImportedPosts => Set<Import.ImportedPost>();

    /// <summary>Stored files' bytes, when files are kept in the database (Bayan:Files:Store).</summary>
    public DbSet<Attachments.StoredFile> StoredFiles => Set<Attachments.StoredFile>();

    /// <summary>The organization's public signing keys (the private ones stay out of the database).</summary>
    public DbSet<Core.Verification.SigningKey> SigningKeys => Set<Core.Verification.SigningKey>();

    /// <summary>The public log: signed records, its Merkle tree's complete subtrees, and its signed tree heads.</summary>
    public DbSet<Core.Verification.LogEntry> LogEntries => Set<Core.Verification.LogEntry>();

    public DbSet<Core.Verification.LogNode> LogNodes => Set<Core.Verification.LogNode>();

    public DbSet<Core.Verification.TreeHead> TreeHeads => Set<Core.Verification.TreeHead>();

    /// <summary>Changes an instance without the private key made: signed by the next instance that has it.</summary>
    public DbSet<Core.Verification.UnsignedStatement> UnsignedStatements => Set<Core.Verification.UnsignedStatement>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is stored and read as UTC; the provider would otherwise hand back "unspecified" kinds.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<LocalizedText>().HaveConversion<LocalizedTextConverter, LocalizedTextComparer>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BayanDb).Assembly);
    }
}
