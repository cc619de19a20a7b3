using Aulario.Core.Audit;
using Aulario.Core.Security;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Persistence.Tests;

/// <summary>The institution's security settings: one row, created on the first change, read by every instance, audited.</summary>
public class SecuritySettingsStoreTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task RequireTwoFactor_IsOffByDefault_StoredInOneRow_AndEachChangeAudited(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine, (s, _) => s.AddScoped<SecuritySettingsCommands>());
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<SecuritySettingsCommands>();
            Assert.False(await settings.RequireTwoFactorForAdminsAsync());
            Assert.False((await settings.GetAsync()).RequireTwoFactorForAdmins);
            Assert.True((await settings.SetRequireTwoFactorForAdminsAsync(true, new Actor("ana@inst.edu.ar"))).IsSuccess);
            Assert.True((await settings.SetRequireTwoFactorForAdminsAsync(true, new Actor("ana@inst.edu.ar"))).IsSuccess); // unchanged
        }
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<SecuritySettingsCommands>();
            Assert.True(await settings.RequireTwoFactorForAdminsAsync());
            var stored = await settings.GetAsync();
            Assert.Equal(("ana@inst.edu.ar", db.Time.GetUtcNow()), (stored.UpdatedBy, stored.UpdatedAt));
            Assert.True((await settings.SetRequireTwoFactorForAdminsAsync(false, new Actor("luis@inst.edu.ar"))).IsSuccess);
        }
        await using var context = db.NewContext(out var last);
        await using var _ = last;
        var row = await context.SecuritySettings.SingleAsync();
        Assert.Equal((SecuritySettings.SingletonId, false, "luis@inst.edu.ar"), (row.Id, row.RequireTwoFactorForAdmins, row.UpdatedBy));
        var audit = await context.AuditEntries.Where(a => a.Action == "settings.security-updated").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["ana@inst.edu.ar", "luis@inst.edu.ar"], audit.Select(a => a.Actor));
        Assert.Equal("{\"RequireTwoFactorForAdmins\":true}", audit[1].Before);
    }
}
