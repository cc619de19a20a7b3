using Aulario.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aulario.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Email).HasMaxLength(AccountRules.EmailMaxLength).IsRequired();
        b.Property(a => a.FirstName).HasMaxLength(AccountRules.NameMaxLength);
        b.Property(a => a.LastName).HasMaxLength(AccountRules.NameMaxLength);
        b.Property(a => a.ZoomUserId).HasMaxLength(64);
        b.Property(a => a.Timezone).HasMaxLength(64);
        b.Property(a => a.Department).HasMaxLength(AccountRules.DepartmentMaxLength);
        b.Property(a => a.PersonalMeetingUrl).HasMaxLength(512);
        b.Property(a => a.PasswordProtected).HasMaxLength(2048);
        b.Property(a => a.SearchKey).HasMaxLength(300);
        b.Property(a => a.ExternalId).HasMaxLength(AccountRules.ExternalIdMaxLength);
        b.HasIndex(a => a.Email).IsUnique();
        b.HasIndex(a => a.ZoomUserId).IsUnique().HasFilter("\"ZoomUserId\" IS NOT NULL");
        // One index per list sort, with and without the status filter in front, ending in the email tie-breaker, so every
        // filter × sort (either direction) is an index walk. Last sign-in ("never" first) uses expression indexes created in
        // the migrations (("LastSignInAt" IS NOT NULL), "LastSignInAt", "Email"), which EF cannot model.
        b.HasIndex(a => new { a.Status, a.Email });
        b.HasIndex(a => new { a.Status, a.LastName, a.FirstName, a.Email });
        b.HasIndex(a => new { a.LastName, a.FirstName, a.Email });
        b.HasIndex(a => new { a.Status, a.LicenseType, a.Email });
        b.HasIndex(a => new { a.LicenseType, a.Email });
        b.HasIndex(a => new { a.Status, a.CreatedAt, a.Email });
        b.HasIndex(a => new { a.CreatedAt, a.Email });
        b.HasIndex(a => new { a.PortalId, a.Status, a.Email });
        b.HasIndex(a => a.ExternalId);
        b.Ignore(a => a.DisplayName);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Email).HasMaxLength(AccountRules.EmailMaxLength);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.CreatedBy).HasMaxLength(256);
        b.Property(i => i.FirstName).HasMaxLength(AccountRules.NameMaxLength);
        b.Property(i => i.LastName).HasMaxLength(AccountRules.NameMaxLength);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => i.Email);
    }
}

internal sealed class PasswordResetLinkConfiguration : IEntityTypeConfiguration<PasswordResetLink>
{
    public void Configure(EntityTypeBuilder<PasswordResetLink> b)
    {
        b.HasKey(l => l.Id);
        b.Property(l => l.Email).HasMaxLength(AccountRules.EmailMaxLength);
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.CreatedBy).HasMaxLength(256);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => l.AccountId);
        b.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccountStatusCountConfiguration : IEntityTypeConfiguration<AccountStatusCount>
{
    public void Configure(EntityTypeBuilder<AccountStatusCount> b)
    {
        b.HasKey(c => new { c.PortalKey, c.Status });
    }
}
