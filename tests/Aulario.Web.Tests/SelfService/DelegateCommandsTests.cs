using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Delegates;
using Aulario.Persistence;
using Aulario.Testing;
using Aulario.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.SelfService;

/// <summary>The delegates use cases against the real Zoom sandbox, on SQLite and PostgreSQL.</summary>
public sealed class DelegateCommandsTests
{
    private static readonly Actor Ana = new("ana@inst.edu.ar");

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task AddMany_AddsTheActiveLicensedOnes_AndAnswersEveryOtherEmailWithItsReason(DatabaseProvider engine)
    {
        await using var w = await SelfServiceWorld.CreateAsync(engine);
        var host = await w.ActiveAsync("titular");
        var d1 = await w.ActiveAsync("uno");
        var d2 = await w.ActiveAsync("dos");
        var pending = await w.PendingAsync("pendiente");
        var finalized = await w.FinalizedAsync("finalizada");
        var basic = await w.ActiveAsync("basica", "basic");
        var h = host.Account.Id;

        var result = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>().AddAsync(h,
            [d1.Account.Email.ToUpperInvariant(), $"{d2.Account.Email}\n{pending.Account.Email}", finalized.Account.Email, basic.Account.Email,
             "nadie@inst.edu.ar", host.Account.Email, "no-es-correo", d1.Account.Email], Ana, AdminScope.Institution));

        Assert.True(result.IsSuccess);
        var byEmail = result.Value.ToDictionary(o => o.Email);
        Assert.Equal(8, byEmail.Count); // the repeated d1 is answered once
        Assert.True(byEmail[d1.Account.Email].Done);
        Assert.True(byEmail[d2.Account.Email].Done);
        Assert.Equal("delegates.candidate-pending", byEmail[pending.Account.Email].Error?.Code);
        Assert.Equal("delegates.candidate-finalized", byEmail[finalized.Account.Email].Error?.Code);
        Assert.Equal("delegates.candidate-basic", byEmail[basic.Account.Email].Error?.Code);
        Assert.Equal("delegates.unknown", byEmail["nadie@inst.edu.ar"].Error?.Code);
        Assert.Equal("delegates.self", byEmail[host.Account.Email].Error?.Code);
        Assert.Equal("account.email-invalid", byEmail["no-es-correo"].Error?.Code);
        Assert.Contains("todavía no activó", byEmail[pending.Account.Email].Error!.Message, StringComparison.Ordinal);

        var zoomHost = w.App.Sandbox().Find(host.Account.ZoomUserId!)!;
        Assert.Equal(new[] { d1.Account.ZoomUserId, d2.Account.ZoomUserId }.Order(), zoomHost.AssistantIds.Order());
        var audited = await w.InScopeAsync(sp => sp.GetRequiredService<AularioDbContext>().AuditEntries
            .Where(a => a.Action == "delegate.added").Select(a => a.Actor + "|" + a.Target + "|" + a.After).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.All(audited, a => Assert.StartsWith($"ana@inst.edu.ar|account:{host.Account.Email}|", a, StringComparison.Ordinal));

        var again = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>().AddAsync(h, [d1.Account.Email], Ana, AdminScope.Institution));
        Assert.Equal("delegates.already", Assert.Single(again.Value).Error?.Code);
        var none = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>().AddAsync(h, [" "], Ana, AdminScope.Institution));
        Assert.Equal("delegates.none", none.Errors[0].Code);
        var tooMany = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>()
            .AddAsync(h, Enumerable.Range(0, 31).Select(i => $"x{i}@{SelfServiceWorld.Managed}").ToList(), Ana, AdminScope.Institution));
        Assert.Equal("delegates.too-many", tooMany.Errors[0].Code);
        Assert.Equal(2, zoomHost.AssistantIds.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task BothDirections_AreListed_AndRemovingManyAnswersEach(DatabaseProvider engine)
    {
        await using var w = await SelfServiceWorld.CreateAsync(engine);
        var host = await w.ActiveAsync("titular2");
        var other = await w.ActiveAsync("otro2");
        var d = await w.ActiveAsync("delegada2");
        await w.AddDelegatesAsync(host.Account.Id, d.Account.Email);
        await w.AddDelegatesAsync(other.Account.Id, d.Account.Email);

        var ofDelegate = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>().GetAsync(d.Account.Id, Ana, AdminScope.Institution));
        Assert.Empty(ofDelegate.Value.Delegates);
        Assert.Equal(new[] { host.Account.Email, other.Account.Email }.Order(), ofDelegate.Value.DelegateOf.Select(p => p.Email).Order());
        var ofHost = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>().GetAsync(host.Account.Id, Ana, AdminScope.Institution));
        Assert.Equal(d.Account.Email, Assert.Single(ofHost.Value.Delegates).Email);
        Assert.Empty(ofHost.Value.DelegateOf);

        var removed = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>()
            .RemoveAsync(host.Account.Id, [d.Account.Email, other.Account.Email], Ana, AdminScope.Institution));
        Assert.True(removed.Value.Single(o => o.Email == d.Account.Email).Done);
        Assert.Equal("delegates.not-a-delegate", removed.Value.Single(o => o.Email == other.Account.Email).Error?.Code);
        Assert.Empty(w.App.Sandbox().Find(host.Account.ZoomUserId!)!.AssistantIds);
        var after = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>().GetAsync(d.Account.Id, Ana, AdminScope.Institution));
        Assert.Equal(other.Account.Email, Assert.Single(after.Value.DelegateOf).Email);
        Assert.Equal(1, await w.InScopeAsync(sp => sp.GetRequiredService<AularioDbContext>().AuditEntries.CountAsync(a => a.Action == "delegate.removed")));
    }

    [Fact]
    public async Task ReadingTheHost_RefreshesFromZoom_AssistantsAddedOrRemovedThere()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        var host = await w.ActiveAsync("titular3");
        var d = await w.ActiveAsync("delegada3");
        var zoomHost = w.App.Sandbox().Find(host.Account.ZoomUserId!)!;
        zoomHost.AssistantIds.Add(d.Account.ZoomUserId!);
        var stranger = w.App.Sandbox().Add($"ajena@{SelfServiceWorld.Managed}", "Ajena", "Zoom", 2, "active", DateTimeOffset.UtcNow);
        zoomHost.AssistantIds.Add(stranger.Id);

        var read = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>().GetAsync(host.Account.Id, Ana, AdminScope.Institution));
        Assert.Equal(d.Account.Email, Assert.Single(read.Value.Delegates).Email);
        Assert.Equal(stranger.Email, Assert.Single(read.Value.UnknownInZoom));
        var other = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>().GetAsync(d.Account.Id, Ana, AdminScope.Institution));
        Assert.Equal(host.Account.Email, Assert.Single(other.Value.DelegateOf).Email);

        zoomHost.AssistantIds.Clear();
        var cleared = await w.InScopeAsync(sp => sp.GetRequiredService<DelegateCommands>().GetAsync(host.Account.Id, Ana, AdminScope.Institution));
        Assert.Empty(cleared.Value.Delegates);
        Assert.Equal(2, await w.InScopeAsync(sp => sp.GetRequiredService<AularioDbContext>().AuditEntries.CountAsync(a => a.Action == "delegates.refreshed")));
    }

    [Fact]
    public async Task OutOfScope_IsNotFound_AndAHostThatIsNotActiveCannotGetDelegates()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        var pending = await w.PendingAsync("pendiente4");
        var d = await w.ActiveAsync("delegada4");
        var commands = (IServiceProvider sp) => sp.GetRequiredService<DelegateCommands>();
        var outOfScope = await w.InScopeAsync(sp => commands(sp).AddAsync(d.Account.Id, [pending.Account.Email], Ana, AdminScope.Portals(Guid.NewGuid())));
        Assert.Equal("account.not-found", outOfScope.Errors[0].Code);
        var notActive = await w.InScopeAsync(sp => commands(sp).AddAsync(pending.Account.Id, [d.Account.Email], Ana, AdminScope.Institution));
        Assert.Equal("delegates.host-not-active", notActive.Errors[0].Code);
        var candidates = await w.InScopeAsync(sp => commands(sp).CandidatesAsync(d.Account.Id, null, AdminScope.Institution));
        Assert.DoesNotContain(candidates.Value, a => a.Id == d.Account.Id || a.Id == pending.Account.Id);
    }
}
