using Aulario.Core.Accounts;
using Aulario.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Aulario.Persistence.Conventions;

/// <summary>
/// Rules the database keeps whatever code saved the change:
/// e-mail addresses are stored lower-case (so the unique index is case-insensitive on every engine), and a changed
/// <see cref="Job"/> gets a new <see cref="Job.ConcurrencyToken"/> (so two instances saving the same job cannot both win).
/// </summary>
internal static class StoreRules
{
    public static void Apply(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries())
        {
            switch (entry.Entity)
            {
                case Account account when entry.State == EntityState.Added:
                    account.Email = AccountRules.NormalizeEmail(account.Email);
                    break;
                case Invitation invitation when entry.State == EntityState.Added:
                    invitation.Email = AccountRules.NormalizeEmail(invitation.Email);
                    break;
                case Job when entry.State == EntityState.Modified:
                    var token = entry.Property(nameof(Job.ConcurrencyToken));
                    if (!token.IsModified) token.CurrentValue = Guid.NewGuid();
                    break;
            }
        }
    }
}
