using Aulario.Core.Accounts;
using Aulario.Core.Delegates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aulario.Persistence.Configurations;

internal sealed class DelegationConfiguration : IEntityTypeConfiguration<Delegation>
{
    public void Configure(EntityTypeBuilder<Delegation> b)
    {
        b.HasKey(d => new { d.HostAccountId, d.DelegateAccountId });
        b.HasOne<Account>().WithMany().HasForeignKey(d => d.HostAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(d => d.DelegateAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.DelegateAccountId);
    }
}
