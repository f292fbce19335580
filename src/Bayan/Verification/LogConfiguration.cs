using Bayan.Core.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bayan.Verification;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder) => builder.Property(k => k.Id).HasMaxLength(64);
}

internal sealed class LogEntryConfiguration : IEntityTypeConfiguration<LogEntry>
{
    public void Configure(EntityTypeBuilder<LogEntry> builder)
    {
        // Positions are given by the log, in order, under its lock; never by the database.
        builder.HasKey(e => e.Index);
        builder.Property(e => e.Index).ValueGeneratedNever();
        // No foreign key: the log keeps its entries whatever becomes of the statement.
        builder.HasIndex(e => new { e.StatementId, e.Language, e.Index });
        // "Is this text one we signed?" looks both up among every version ever signed.
        builder.Property(e => e.BodyHash).HasMaxLength(64);
        builder.Property(e => e.TextHash).HasMaxLength(64);
        builder.HasIndex(e => e.BodyHash);
        builder.HasIndex(e => e.TextHash);
    }
}

internal sealed class LogNodeConfiguration : IEntityTypeConfiguration<LogNode>
{
    public void Configure(EntityTypeBuilder<LogNode> builder) => builder.Property(n => n.Id).ValueGeneratedNever();
}

internal sealed class TreeHeadConfiguration : IEntityTypeConfiguration<TreeHead>
{
    public void Configure(EntityTypeBuilder<TreeHead> builder)
    {
        builder.HasKey(h => h.Size);
        builder.Property(h => h.Size).ValueGeneratedNever();
    }
}

internal sealed class UnsignedStatementConfiguration : IEntityTypeConfiguration<UnsignedStatement>
{
    public void Configure(EntityTypeBuilder<UnsignedStatement> builder)
    {
        builder.HasKey(u => u.StatementId);
        builder.Property(u => u.StatementId).ValueGeneratedNever();
    }
}
