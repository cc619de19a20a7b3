using System.Web;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Tests.Infrastructure;
using Aulario.ZoomSandbox;
using Aulario.ZoomSandbox.Recordings;

namespace Aulario.Zoom.Tests;

/// <summary>The conferencing port's meeting history and recordings over real HTTP to the sandbox.</summary>
public sealed class HistoryAndRecordingsTests
{
    private static SandboxMeeting Meeting(ZoomTestHost host, SandboxUser owner, DateTimeOffset start, int participants = 3, params SandboxRecordingFile[] files)
    {
        var meeting = new SandboxMeeting(
            85_000_000_000 + Random.Shared.Next(10_000_000), "/" + Guid.NewGuid().ToString("N") + "==", owner.Id, $"Clase {start:MM-dd}", start, 60,
            Enumerable.Range(1, participants).Select(p => new SandboxParticipant("p" + p, "Alumno " + p, $"a{p}@alumnos.test.edu.ar",
                start.AddMinutes(p), start.AddMinutes(50 + p))).ToList(),
            files);
        lock (host.Sandbox.State.Meetings) host.Sandbox.State.Meetings.Add(meeting);
        return meeting;
    }

    private static DateTimeOffset Day(DateOnly d, int hour = 13) => new(d.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    [Fact]
    public async Task PastMeetings_PageWithinAndAcrossMonthWindows_NewestWindowFirst_EachMeetingOnce_OnTheHeavyLabel()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var owner = host.AddUser("historial@" + ZoomTestHost.ManagedDomain);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(-80);
        var expected = new List<string>();
        for (var d = 0; d <= 80; d += 8) expected.Add(Meeting(host, owner, Day(from.AddDays(d))).Uuid);
        Meeting(host, owner, Day(from.AddDays(3)), participants: 1); // Zoom's report leaves out meetings with one participant

        var seen = new List<ProviderPastMeeting>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await host.Provider.ListPastMeetingsAsync(owner.Id, from, today, 2, cursor);
            Assert.True(page.IsSuccess, page.IsSuccess ? "" : page.Errors[0].Message);
            Assert.InRange(page.Value.Items.Count, 1, 2);
            seen.AddRange(page.Value.Items);
            cursor = page.Value.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 50);

        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Select(m => m.Uuid).Order(StringComparer.Ordinal));
        Assert.True(seen[0].StartTime > seen[^1].StartTime, "newest first");
        Assert.All(seen, m => Assert.True(m.ParticipantsCount == 3 && m.DurationMinutes == 60));
        var queries = host.Recorder.Requests.Select(r => HttpUtility.ParseQueryString(r.Uri.Query)).ToList();
        Assert.All(queries, q => Assert.Equal("2", q["page_size"]));
        Assert.Contains(queries, q => !string.IsNullOrEmpty(q["next_page_token"]));
        Assert.All(queries, q => Assert.True(DateOnly.Parse(q["to"]!, System.Globalization.CultureInfo.InvariantCulture)
            < DateOnly.Parse(q["from"]!, System.Globalization.CultureInfo.InvariantCulture).AddMonths(1)));
        Assert.Equal(today, DateOnly.Parse(queries[0]["to"]!, System.Globalization.CultureInfo.InvariantCulture));
        var stats = await host.StatsAsync();
        Assert.Equal(queries.Count, stats.GetProperty("requestsByLabel").GetProperty("Heavy").GetInt32());
    }

    [Fact]
    public async Task PastMeetings_UnknownUser_ForgedCursor_AndExpiredToken_AreClearErrors()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var owner = host.AddUser("errores@" + ZoomTestHost.ManagedDomain);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var unknown = await host.Provider.ListPastMeetingsAsync("nadie@" + ZoomTestHost.ManagedDomain, today.AddDays(-5), today, 30, null);
        Assert.Equal(ProviderErrorCodes.UserNotFound, Assert.Single(unknown.Errors).Code);
        Assert.Equal(ErrorKind.NotFound, unknown.Errors[0].Kind);

        var forged = await host.Provider.ListPastMeetingsAsync(owner.Id, today.AddDays(-5), today, 30, "99.x");
        Assert.Equal(ProviderErrorCodes.PageExpired, Assert.Single(forged.Errors).Code);

        var expired = await host.Provider.ListPastMeetingsAsync(owner.Id, today.AddDays(-5), today, 30, "0.token-que-zoom-no-emitio");
        Assert.Equal(ProviderErrorCodes.PageExpired, Assert.Single(expired.Errors).Code);
        Assert.Contains("primera página", expired.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnePastMeeting_HasItsHost_AndParticipantsArePaged_UnknownIs3001()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var owner = host.AddUser("anfitrion@" + ZoomTestHost.ManagedDomain);
        var meeting = Meeting(host, owner, DateTimeOffset.UtcNow.AddDays(-2), participants: 5);

        var past = await host.Provider.GetPastMeetingAsync(meeting.Uuid);
        Assert.Equal(owner.Id, past.Value.HostId);
        Assert.Equal(5, past.Value.ParticipantsCount);
        Assert.Contains(host.Recorder.Requests, r => r.Uri.AbsolutePath.Contains("past_meetings/%252F", StringComparison.Ordinal)); // a UUID starting with '/' is double-encoded

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await host.Provider.ListPastParticipantsAsync(meeting.Uuid, 2, cursor);
            names.AddRange(page.Value.Items.Select(p => p.Name));
            Assert.All(page.Value.Items, p => Assert.True(p.DurationSeconds > 0 && p.Email is not null));
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(["Alumno 1", "Alumno 2", "Alumno 3", "Alumno 4", "Alumno 5"], names);

        var missing = await host.Provider.GetPastMeetingAsync("no-existe");
        Assert.Equal(ProviderErrorCodes.MeetingNotFound, Assert.Single(missing.Errors).Code);
        var missingParticipants = await host.Provider.ListPastParticipantsAsync("no-existe", 30, null);
        Assert.Equal(ErrorKind.NotFound, Assert.Single(missingParticipants.Errors).Kind);
    }

    [Fact]
    public async Task Recordings_OfAMonth_AcrossPages_ThenOpened_WholeAndByRange()
    {
        await using var host = await ZoomTestHost.StartAsync(o => o.PageSize = 1);
        var owner = host.AddUser("grabo@" + ZoomTestHost.ManagedDomain);
        var first = new DateOnly(2026, 3, 1);
        var video = new SandboxRecordingFile("f-video", "MP4", "MP4", 10_000, Day(first.AddDays(4)), Day(first.AddDays(4), 14));
        Meeting(host, owner, Day(first.AddDays(4)), 3, video, new SandboxRecordingFile("f-audio", "M4A", "M4A", 3_000, Day(first.AddDays(4)), Day(first.AddDays(4), 14)));
        Meeting(host, owner, Day(first.AddDays(20)), 3, new SandboxRecordingFile("f-otro", "MP4", "MP4", 5_000, Day(first.AddDays(20)), Day(first.AddDays(20), 14)));
        Meeting(host, owner, Day(first.AddDays(40)), 3, new SandboxRecordingFile("f-abril", "MP4", "MP4", 5_000, Day(first.AddDays(40)), Day(first.AddDays(40), 14)));

        var listed = await host.Provider.ListRecordingsAsync(owner.Id, first, first.AddMonths(1).AddDays(-1));
        Assert.True(listed.IsSuccess);
        Assert.Equal(2, listed.Value.Count);
        Assert.Equal(2, host.Recorder.Requests.Count); // page_size 1: two pages
        var file = listed.Value.SelectMany(m => m.Files).Single(f => f.Id == "f-video");
        Assert.True(file.IsVideo);
        Assert.Equal(10_000, file.Size);
        Assert.Equal(13_000, listed.Value.Single(m => m.Files.Any(f => f.Id == "f-video")).TotalSize);

        var bytes = RecordingBytes.Of(video);
        await using (var whole = (await host.Provider.OpenRecordingAsync(file, null)).Value)
        {
            using var sink = new MemoryStream();
            await whole.Content.CopyToAsync(sink);
            Assert.False(whole.IsPartial);
            Assert.Equal(bytes, sink.ToArray());
            Assert.Equal("ftypisom", System.Text.Encoding.ASCII.GetString(bytes, 4, 8));
        }
        await using (var part = (await host.Provider.OpenRecordingAsync(file, "bytes=100-199")).Value)
        {
            using var sink = new MemoryStream();
            await part.Content.CopyToAsync(sink);
            Assert.True(part.IsPartial);
            Assert.Equal("bytes 100-199/10000", part.ContentRange);
            Assert.Equal(bytes[100..200], sink.ToArray());
        }
        var outside = await host.Provider.OpenRecordingAsync(file, "bytes=20000-");
        Assert.Equal(ProviderErrorCodes.RangeNotSatisfiable, Assert.Single(outside.Errors).Code);
        var untrusted = await host.Provider.OpenRecordingAsync(file with { DownloadLocation = "https://attacker.example/rec/x" }, null);
        Assert.Equal(ErrorKind.Upstream, Assert.Single(untrusted.Errors).Kind);
    }
}
