using Aulario.Core.Audit;
using Aulario.Core.Jobs;
using Aulario.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aulario.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Actor).HasMaxLength(256);
        b.Property(a => a.ActingAs).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(100);
        b.Property(a => a.Target).HasMaxLength(512);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Action, a.At });
        b.HasIndex(a => new { a.PortalId, a.At });
        b.HasIndex(a => a.Target);
    }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> b)
    {
        b.HasKey(j => j.Id);
        b.Property(j => j.Kind).HasMaxLength(64);
        b.Property(j => j.CreatedBy).HasMaxLength(256);
        b.Property(j => j.LeaseOwner).HasMaxLength(128);
        b.Property(j => j.StatusMessage).HasMaxLength(2000);
        b.Property(j => j.ConcurrencyToken).IsConcurrencyToken();
        b.HasIndex(j => new { j.Status, j.CreatedAt });
        b.HasIndex(j => j.PortalId);
    }
}

internal sealed class JobItemConfiguration : IEntityTypeConfiguration<JobItem>
{
    public void Configure(EntityTypeBuilder<JobItem> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Key).HasMaxLength(200);
        b.Property(i => i.Step).HasMaxLength(64);
        b.Property(i => i.LastError).HasMaxLength(2000);
        b.HasIndex(i => new { i.JobId, i.Key }).IsUnique();
        b.HasIndex(i => new { i.JobId, i.Status });
        b.HasOne<Job>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.To).HasMaxLength(320);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<Aulario.Core.Common.ApiToken>
{
    public void Configure(EntityTypeBuilder<Aulario.Core.Common.ApiToken> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Scopes).HasMaxLength(200);
        b.Property(t => t.CreatedBy).HasMaxLength(256);
        b.HasIndex(t => t.TokenHash).IsUnique();
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<Aulario.Core.Common.WebhookEvent>
{
    public void Configure(EntityTypeBuilder<Aulario.Core.Common.WebhookEvent> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Source).HasMaxLength(32);
        b.Property(e => e.EventName).HasMaxLength(100);
        b.Property(e => e.DedupKey).HasMaxLength(64);
        b.Property(e => e.Result).HasMaxLength(1000);
        b.HasIndex(e => new { e.Source, e.DedupKey }).IsUnique();
        b.HasIndex(e => new { e.ProcessedAt, e.Id });
    }
}

internal sealed class ReconcileRunConfiguration : IEntityTypeConfiguration<Aulario.Core.Reconcile.ReconcileRun>
{
    public void Configure(EntityTypeBuilder<Aulario.Core.Reconcile.ReconcileRun> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Actor).HasMaxLength(256);
        b.HasIndex(r => r.At);
    }
}
