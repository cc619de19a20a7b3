using System.Web;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Tests.Infrastructure;
using Aulario.Zoom.Users;

namespace Aulario.Zoom.Tests;

public sealed class PagingTests
{
    [Fact]
    public async Task ListUsers_FollowsNextPageTokenAcrossThreePages_WithConstantPageSize()
    {
        await using var host = await ZoomTestHost.StartAsync(o => o.PageSize = 3);
        var emails = Enumerable.Range(1, 7).Select(i => $"aula{i}@{ZoomTestHost.ManagedDomain}").ToList();
        foreach (var email in emails) host.AddUser(email);
        host.AddUser("pendiente@" + ZoomTestHost.ManagedDomain, status: "pending");

        var listed = new List<ZoomUser>();
        await foreach (var user in host.Client.Users.ListAsync(ZoomUserStatus.Active)) listed.Add(user);

        Assert.Equal(emails.Order(StringComparer.Ordinal), listed.Select(u => u.Email).Order(StringComparer.Ordinal));
        var pages = host.Recorder.Requests.Select(r => HttpUtility.ParseQueryString(r.Uri.Query)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, q => Assert.Equal("3", q["page_size"]));
        Assert.All(pages, q => Assert.Equal("active", q["status"]));
        Assert.Null(pages[0]["next_page_token"]);
        Assert.False(string.IsNullOrEmpty(pages[1]["next_page_token"]));
        Assert.False(string.IsNullOrEmpty(pages[2]["next_page_token"]));
        Assert.NotEqual(pages[1]["next_page_token"], pages[2]["next_page_token"]);
    }

    [Fact]
    public async Task ProviderListUsers_Pending_ReturnsOnlyPendingUsersAcrossPages()
    {
        await using var host = await ZoomTestHost.StartAsync(o => o.PageSize = 2);
        for (var i = 0; i < 5; i++) host.AddUser($"p{i}@{ZoomTestHost.ManagedDomain}", type: 1, status: "pending");
        host.AddUser("activo@" + ZoomTestHost.ManagedDomain);

        var pending = new List<ProviderUser>();
        await foreach (var user in host.Provider.ListUsersAsync(ProviderUserStatus.Pending)) pending.Add(user);

        Assert.Equal(5, pending.Count);
        Assert.All(pending, u => Assert.Equal(ProviderUserStatus.Pending, u.Status));
        Assert.Equal(3, host.Recorder.Requests.Count);
    }
}
