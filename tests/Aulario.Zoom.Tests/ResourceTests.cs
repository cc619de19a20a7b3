using System.Web;
using Aulario.Core.Accounts;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Tests.Infrastructure;
using Aulario.Zoom.Users;

namespace Aulario.Zoom.Tests;

public sealed class ResourceTests
{
    [Fact]
    public async Task Provider_CreateAutoCreate_ThenPasscode_RoundTrips()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var email = "aula528@" + ZoomTestHost.ManagedDomain;

        var created = await host.Provider.CreateUserAsync(new NewProviderUser(email, "Aula", "528", LicenseType.Licensed, CreateMode.AutoCreate, "Kp4wZs8nQe"));
        Assert.True(created.IsSuccess);
        Assert.Equal(ProviderUserStatus.Active, created.Value.Status);
        Assert.Equal(LicenseType.Licensed, created.Value.LicenseType);
        Assert.NotNull(created.Value.Pmi);

        Assert.True((await host.Provider.SetPmiPasscodeAsync(created.Value.Id, "Q7x-2m")).IsSuccess);
        var settings = await host.Provider.GetPasscodeSettingsAsync(created.Value.Id);

        Assert.True(settings.IsSuccess);
        Assert.Equal("Q7x-2m", settings.Value.PmiPasscode);
        Assert.Equal(host.Sandbox.State.Find(email)!.EmbedPasswordInJoinLink, settings.Value.EmbedPasscodeInJoinLink);
    }

    [Fact]
    public async Task Provider_CreateInvitation_IsPending_AndRemoveDisassociates()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var email = "profe@" + ZoomTestHost.ManagedDomain;

        var created = await host.Provider.CreateUserAsync(new NewProviderUser(email, "Profe", "Nueva", LicenseType.Basic, CreateMode.Create));
        Assert.Equal(ProviderUserStatus.Pending, created.Value.Status);
        var removed = await host.Provider.RemoveUserAsync(created.Value.Id, deletePermanently: false);

        Assert.True(removed.IsSuccess);
        Assert.Null(host.Sandbox.State.Find(email));
        var delete = Assert.Single(host.Recorder.Requests, r => r.Method == HttpMethod.Delete);
        Assert.Equal("disassociate", HttpUtility.ParseQueryString(delete.Uri.Query)["action"]);
    }

    [Fact]
    public async Task Provider_UpdateFinalizeReactivate_ChangesZoomState()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var user = host.AddUser("aula9@" + ZoomTestHost.ManagedDomain, type: 1);

        Assert.True((await host.Provider.UpdateUserAsync(user.Id, new ProviderUserUpdate("Aula", "Nueve", LicenseType.Licensed, Department: "ISSP"))).IsSuccess);
        Assert.Equal(2, user.Type);
        Assert.Equal("Nueve", user.LastName);
        Assert.True((await host.Provider.SetActiveAsync(user.Id, active: false)).IsSuccess);
        Assert.Equal("inactive", user.Status);
        Assert.True((await host.Provider.SetActiveAsync(user.Id, active: true)).IsSuccess);
        Assert.Equal("active", user.Status);
    }

    [Fact]
    public async Task Provider_Assistants_AddListRemove()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var owner = host.AddUser("titular@" + ZoomTestHost.ManagedDomain);
        var delegate1 = host.AddUser("delegado1@" + ZoomTestHost.ManagedDomain);
        host.AddUser("delegado2@" + ZoomTestHost.ManagedDomain);

        Assert.True((await host.Provider.AddAssistantsAsync(owner.Id, [delegate1.Email, "delegado2@" + ZoomTestHost.ManagedDomain])).IsSuccess);
        var listed = await host.Provider.ListAssistantsAsync(owner.Id);
        Assert.Equal(2, listed.Value.Count);
        Assert.True((await host.Provider.RemoveAssistantAsync(owner.Id, delegate1.Id)).IsSuccess);

        var after = await host.Provider.ListAssistantsAsync(owner.Id);
        Assert.Equal("delegado2@" + ZoomTestHost.ManagedDomain, Assert.Single(after.Value).Email);
    }

    [Fact]
    public async Task Recordings_RangeLongerThanAMonth_IsSplitIntoMonthWindows_AndDownloadsWithBearer()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var owner = host.AddUser("grabaciones@" + ZoomTestHost.ManagedDomain);
        Scenario.AddMeeting(host, owner, new DateTimeOffset(2026, 1, 20, 13, 0, 0, TimeSpan.Zero), "f-enero");
        Scenario.AddMeeting(host, owner, new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero), "f-marzo");

        var meetings = new List<Recordings.ZoomRecordingMeeting>();
        await foreach (var m in host.Client.Recordings.ListAsync(owner.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 15))) meetings.Add(m);

        Assert.Equal(2, meetings.Count);
        var windows = host.Recorder.Requests.Select(r => HttpUtility.ParseQueryString(r.Uri.Query))
            .Select(q => (From: DateOnly.Parse(q["from"]!, System.Globalization.CultureInfo.InvariantCulture), To: DateOnly.Parse(q["to"]!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(3, windows.Count);
        Assert.Equal(new DateOnly(2026, 1, 1), windows[0].From);
        Assert.Equal(new DateOnly(2026, 3, 15), windows[^1].To);
        for (var i = 0; i < windows.Count; i++)
        {
            Assert.True(windows[i].To < windows[i].From.AddMonths(1));
            if (i > 0) Assert.Equal(windows[i - 1].To.AddDays(1), windows[i].From);
        }

        var file = meetings.SelectMany(m => m.RecordingFiles!).First(f => f.Id == "f-marzo");
        await using var download = await host.Client.Recordings.DownloadAsync(file.DownloadUrl!);
        using var sink = new MemoryStream();
        await download.Content.CopyToAsync(sink);
        Assert.Equal(4096, sink.Length);
        Assert.Equal("video/mp4", download.ContentType);
        Assert.StartsWith("Bearer ", host.Recorder.Requests[^1].Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_ToAnUntrustedHost_IsRefusedBeforeSendingTheToken()
    {
        await using var host = await ZoomTestHost.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.Recordings.DownloadAsync("https://attacker.example/rec/download/x"));
        Assert.Empty(host.Recorder.Requests);
    }

    [Fact]
    public async Task MeetingsReportAndParticipants_AreRead()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var owner = host.AddUser("clases@" + ZoomTestHost.ManagedDomain);
        var meeting = Scenario.AddMeeting(host, owner, new DateTimeOffset(2026, 2, 10, 13, 0, 0, TimeSpan.Zero), "f-feb");

        var participants = new List<Meetings.ZoomParticipant>();
        await foreach (var p in host.Client.Meetings.ListPastParticipantsAsync(meeting.Uuid)) participants.Add(p);
        var report = new List<Reports.ZoomReportMeeting>();
        await foreach (var r in host.Client.Reports.ListUserMeetingsAsync(owner.Email, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28))) report.Add(r);
        var scheduled = new List<Meetings.ZoomMeetingSummary>();
        await foreach (var m in host.Client.Meetings.ListAsync(owner.Id)) scheduled.Add(m);

        Assert.Equal(["dos@alumnos.test.edu.ar", "uno@alumnos.test.edu.ar"], participants.Select(p => p.UserEmail!).Order(StringComparer.Ordinal));
        Assert.Equal(meeting.Id, Assert.Single(report).Id);
        Assert.Equal(2, report[0].ParticipantsCount);
        Assert.Equal(meeting.Id, Assert.Single(scheduled).Id);
    }

    [Fact]
    public async Task UnknownEnumValues_AreTolerated()
    {
        var json = """{"id":"u1","email":"a@b.c","type":7,"status":"suspended_by_robot"}""";
        var user = System.Text.Json.JsonSerializer.Deserialize<ZoomUser>(json, Http.ZoomJson.Options)!;

        Assert.Equal(ZoomUserStatus.Unknown, user.Status);
        Assert.Equal((ZoomUserType)7, user.Type);
        var body = System.Text.Json.JsonSerializer.Serialize(new ZoomCreateUserRequest(ZoomCreateAction.AutoCreate,
            new ZoomNewUserInfo { Email = "x@y.z", Type = ZoomUserType.Licensed }), Http.ZoomJson.Options);
        Assert.Equal("""{"action":"autoCreate","user_info":{"email":"x@y.z","type":2}}""", body);
    }
}
