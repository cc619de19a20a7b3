using Aulario.Core.Classrooms;
using Aulario.Core.Portals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aulario.Persistence.Configurations;

internal sealed class PortalConfiguration : IEntityTypeConfiguration<Portal>
{
    public void Configure(EntityTypeBuilder<Portal> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(20);
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.SiuConnectionProtected).HasMaxLength(4096);
        foreach (var name in new[] { nameof(Portal.SiuSchema), nameof(Portal.SiuTable), nameof(Portal.SiuKeyColumn), nameof(Portal.SiuLinkColumn),
                     nameof(Portal.SiuNameColumn), nameof(Portal.SiuCodeColumn) })
            b.Property(name).HasMaxLength(63);
        b.Property(p => p.SiuAuditUser).HasMaxLength(60);
        b.HasIndex(p => p.Code).IsUnique();
        b.Ignore(p => p.Names);
    }
}

internal sealed class ClassroomConfiguration : IEntityTypeConfiguration<Classroom>
{
    public void Configure(EntityTypeBuilder<Classroom> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.SiuName).HasMaxLength(255);
        b.Property(c => c.SiuCode).HasMaxLength(100);
        b.Property(c => c.SiuLink).HasMaxLength(1024);
        b.Property(c => c.PasscodeProtected).HasMaxLength(2048);
        b.Property(c => c.AttentionReason).HasMaxLength(2000);
        b.HasIndex(c => new { c.PortalId, c.SiuSpaceId }).IsUnique();
        b.HasIndex(c => c.AccountId);
        b.HasOne<Portal>().WithMany().HasForeignKey(c => c.PortalId).OnDelete(DeleteBehavior.Restrict);
    }
}
