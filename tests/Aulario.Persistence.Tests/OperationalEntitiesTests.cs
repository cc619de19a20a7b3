using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Mail;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Persistence.Tests;

/// <summary>Outbox mail, invitations and API tokens: stored, found by their indexes, unique where they must be.</summary>
public class OperationalEntitiesTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task OutboxMail_DueMailIsFoundByStatusAndTime(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var now = db.Time.GetUtcNow();
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            context.OutboxMails.AddRange(
                Mail("due@inst.edu.ar", OutboxMailStatus.Pending, now.AddMinutes(-1)),
                Mail("later@inst.edu.ar", OutboxMailStatus.Pending, now.AddMinutes(10)),
                Mail("sent@inst.edu.ar", OutboxMailStatus.Sent, now.AddMinutes(-5)));
            await context.SaveChangesAsync();
        }
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var due = await context.OutboxMails
                .Where(m => m.Status == OutboxMailStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ToListAsync();
            var mail = Assert.Single(due);
            Assert.Equal(("due@inst.edu.ar", "Activá tu cuenta", "<p>Hola</p>", "Hola"), (mail.To, mail.Subject, mail.HtmlBody, mail.TextBody));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Invitation_TokenHashIsUniqueAndEmailStoredLowerCase(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var now = db.Time.GetUtcNow();
        await using var context = db.NewContext(out var scope);
        await using var _ = scope;
        context.Invitations.Add(new Invitation
        {
            Email = "Docente@Inst.edu.ar", TokenHash = new string('a', 64), CreatedBy = "admin", CreatedAt = now, ExpiresAt = now.AddDays(7),
            FirstName = "Ana", LastName = "Pérez", LicenseType = LicenseType.Basic,
        });
        await context.SaveChangesAsync();
        var stored = await context.Invitations.AsNoTracking().SingleAsync(i => i.TokenHash == new string('a', 64) && i.ExpiresAt > now);
        Assert.Equal(("docente@inst.edu.ar", "Pérez", LicenseType.Basic, (DateTimeOffset?)null), (stored.Email, stored.LastName, stored.LicenseType, stored.UsedAt));

        context.Invitations.Add(new Invitation { Email = "otra@inst.edu.ar", TokenHash = new string('a', 64), CreatedBy = "admin" });
        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task ApiToken_ActiveTokenIsFoundByHash(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var now = db.Time.GetUtcNow();
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            context.ApiTokens.AddRange(
                new ApiToken { Name = "scim", TokenHash = new string('b', 64), Scopes = "scim", CreatedBy = "admin", CreatedAt = now },
                new ApiToken { Name = "old", TokenHash = new string('c', 64), CreatedBy = "admin", CreatedAt = now, RevokedAt = now });
            await context.SaveChangesAsync();
        }
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var active = await context.ApiTokens.Where(t => t.RevokedAt == null).Select(t => t.Name).ToListAsync();
            Assert.Equal(["scim"], active);
            context.ApiTokens.Add(new ApiToken { Name = "dup", TokenHash = new string('b', 64), CreatedBy = "admin" });
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }
    }

    private static OutboxMail Mail(string to, OutboxMailStatus status, DateTimeOffset next) => new()
    {
        To = to, Subject = "Activá tu cuenta", HtmlBody = "<p>Hola</p>", TextBody = "Hola", Status = status, NextAttemptAt = next, CreatedAt = next,
    };
}
