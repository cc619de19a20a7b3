using Aulario.Zoom.Assistants;
using Aulario.Zoom.Settings;
using Aulario.Zoom.Users;
using Aulario.ZoomSandbox;

namespace Aulario.Zoom.Tests.Infrastructure;

/// <summary>A scenario that calls every method of <see cref="ZoomClient"/> once or more against the sandbox.</summary>
public static class Scenario
{
    public static SandboxMeeting AddMeeting(ZoomTestHost host, SandboxUser hostUser, DateTimeOffset start, string fileId)
    {
        var meeting = new SandboxMeeting(
            85_000_000_000 + Random.Shared.Next(1_000_000), "uuid" + Guid.NewGuid().ToString("N"), hostUser.Id, "Clase de Álgebra", start, 90,
            [
                new SandboxParticipant("p1", "Alumna Uno", "uno@alumnos.test.edu.ar", start.AddMinutes(1), start.AddMinutes(80)),
                new SandboxParticipant("p2", "Alumno Dos", "dos@alumnos.test.edu.ar", start.AddMinutes(3), start.AddMinutes(85)),
            ],
            [new SandboxRecordingFile(fileId, "MP4", "MP4", 4096, start, start.AddMinutes(90))]);
        lock (host.Sandbox.State.Meetings) host.Sandbox.State.Meetings.Add(meeting);
        return meeting;
    }

    /// <summary>Runs each client method; returns the downloaded bytes so callers can check the download.</summary>
    public static async Task<long> RunAllAsync(ZoomTestHost host)
    {
        var zoom = host.Client;
        var domain = ZoomTestHost.ManagedDomain;
        var created = await zoom.Users.CreateAsync(new ZoomCreateUserRequest(ZoomCreateAction.AutoCreate,
            new ZoomNewUserInfo { Email = "aula100@" + domain, Type = ZoomUserType.Licensed, FirstName = "Aula", LastName = "100", Password = "Xr7kLm2qPw" }));
        var invited = await zoom.Users.CreateAsync(new ZoomCreateUserRequest(ZoomCreateAction.Create,
            new ZoomNewUserInfo { Email = "docente@" + domain, Type = ZoomUserType.Basic, FirstName = "Doc", LastName = "Ente" }));
        var assistant = await zoom.Users.CreateAsync(new ZoomCreateUserRequest(ZoomCreateAction.AutoCreate,
            new ZoomNewUserInfo { Email = "delegada@" + domain, Type = ZoomUserType.Licensed, FirstName = "Dele", LastName = "Gada", Password = "Qz9vHn4tRs" }));
        await zoom.Users.GetAsync(created.Id);
        await zoom.Users.FindAsync("aula100@" + domain);
        await foreach (var _ in zoom.Users.ListAsync(ZoomUserStatus.Active)) { }
        await foreach (var _ in zoom.Users.ListAsync(ZoomUserStatus.Pending)) { }
        await zoom.Users.UpdateAsync(created.Id, new ZoomUserUpdate { FirstName = "Aula", LastName = "Cien", Type = ZoomUserType.Licensed, Dept = "ISSP" });
        await zoom.Users.SetPasswordAsync(created.Id, "Nv5pQr8sTw");
        await zoom.Users.GetSummaryAsync();

        await zoom.Settings.GetAsync(created.Id);
        await zoom.Settings.UpdateAsync(created.Id, new ZoomUserSettingsUpdate
        {
            ScheduleMeeting = new ZoomScheduleMeetingSettings
            {
                EmbedPasswordInJoinLink = true,
                RequirePasswordForPmiMeetings = "all",
                MeetingPasswordRequirement = new ZoomPasswordRequirement { Length = 6, HaveNumber = true },
            },
        });
        await zoom.Settings.SetPmiPasswordAsync(created.Id, "ab12cd");

        await zoom.Assistants.AddAsync(created.Id, [new ZoomAssistant(null, "delegada@" + domain)]);
        await zoom.Assistants.ListAsync(created.Id);
        await zoom.Assistants.RemoveAsync(created.Id, assistant.Id);
        await zoom.Assistants.AddAsync(created.Id, [new ZoomAssistant(assistant.Id, null)]);
        await zoom.Assistants.RemoveAllAsync(created.Id);

        var hostUser = host.Sandbox.State.Find(created.Id)!;
        var start = new DateTimeOffset(2026, 2, 16, 14, 0, 0, TimeSpan.Zero);
        var meeting = AddMeeting(host, hostUser, start, "file-" + Guid.NewGuid().ToString("N"));
        await foreach (var _ in zoom.Meetings.ListAsync(created.Id)) { }
        await foreach (var _ in zoom.Meetings.ListPastParticipantsAsync(meeting.Uuid)) { }
        await foreach (var _ in zoom.Reports.ListUserMeetingsAsync(created.Id, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28))) { }
        await zoom.Meetings.GetPastAsync(meeting.Uuid);
        await zoom.Meetings.ListPastParticipantsPageAsync(meeting.Uuid, 1);
        await zoom.Reports.ListUserMeetingsPageAsync(created.Id, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), 1);
        await zoom.Recordings.ListPageAsync(created.Id, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), 1);
        long downloaded = 0;
        await foreach (var rec in zoom.Recordings.ListAsync(created.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 10)))
        {
            foreach (var file in rec.RecordingFiles ?? [])
            {
                await using var download = await zoom.Recordings.DownloadAsync(file.DownloadUrl!);
                using var sink = new MemoryStream();
                await download.Content.CopyToAsync(sink);
                downloaded += sink.Length;
            }
        }

        await zoom.Users.DeactivateAsync(created.Id);
        await zoom.Users.ActivateAsync(created.Id);
        await zoom.Users.RemoveAsync(invited.Id, ZoomRemoveAction.Disassociate);
        await zoom.Users.RemoveAsync(created.Id, ZoomRemoveAction.Delete, new ZoomTransferOptions("delegada@" + domain));
        return downloaded;
    }
}
