using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Aulario.Core.Meetings;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Aulario.Web.Tests.Accounts;
using Aulario.ZoomSandbox;
using Aulario.ZoomSandbox.Recordings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.SelfService;

public sealed partial class RecordingsPagesTests : IAsyncLifetime
{
    private readonly AularioWebFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Last month in Argentina's time, with a class on its 15th at 13:00 UTC (10:00 in Argentina).</summary>
    private static (string Key, DateTimeOffset Start) LastMonth()
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-3));
        var month = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-1);
        return (month.ToString("yyyy-MM", CultureInfo.InvariantCulture), new DateTimeOffset(month.AddDays(14).AddHours(13), TimeSpan.Zero));
    }

    [Fact]
    public async Task Host_ListsPlaysWithRangesAndDownloads_OwnRecordings_ThroughAulario_WithoutTheZoomToken()
    {
        var host = await HostWorld.CreateAsync(_app);
        var (key, start) = LastMonth();
        var video = new SandboxRecordingFile("rec-video-" + Guid.NewGuid().ToString("N")[..8], "MP4", "MP4", 10_000, start, start.AddMinutes(75));
        var audio = new SandboxRecordingFile("rec-audio-" + Guid.NewGuid().ToString("N")[..8], "M4A", "M4A", 2_500_000, start, start.AddMinutes(75));
        host.AddMeeting(_app, start, "Álgebra II", 3, video, audio);

        var page = await host.Client.GetAsync("/mi-cuenta/grabaciones?mes=" + key);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Álgebra II", html, StringComparison.Ordinal);
        Assert.Contains("9,8 KB", html, StringComparison.Ordinal);  // es-AR decimal comma
        Assert.Contains("2,4 MB", html, StringComparison.Ordinal);
        Assert.Contains("Reproducir", html, StringComparison.Ordinal);
        var downloadUrl = $"/mi-cuenta/grabaciones/archivo/{video.Id}?mes={key}&descargar=1";
        Assert.Contains(WebUtility.HtmlEncode(downloadUrl), html, StringComparison.Ordinal);
        AssertNoZoomSecrets(html);

        var playing = await host.Client.GetStringAsync($"/mi-cuenta/grabaciones?mes={key}&reproducir={video.Id}");
        var src = VideoSrc().Match(playing);
        Assert.True(src.Success, "a <video> element");
        var playUrl = WebUtility.HtmlDecode(src.Groups[1].Value);
        Assert.StartsWith("/mi-cuenta/grabaciones/archivo/", playUrl, StringComparison.Ordinal);
        AssertNoZoomSecrets(playing);

        var bytes = RecordingBytes.Of(video);
        var ranged = new HttpRequestMessage(HttpMethod.Get, playUrl);
        ranged.Headers.Range = new RangeHeaderValue(1000, 1999);
        var part = await host.Client.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("bytes 1000-1999/10000", part.Content.Headers.ContentRange!.ToString());
        Assert.Equal("video/mp4", part.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bytes[1000..2000], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", part.Content.Headers.ContentDisposition!.DispositionType);
        AssertNoZoomSecrets(Headers(part));

        var download = await host.Client.GetAsync(downloadUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".mp4", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        AssertNoZoomSecrets(Headers(download));

        await using var scope = _app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "recording.downloaded").ToListAsync();
        var entry = Assert.Single(audit); // playback ranges are not downloads
        Assert.Equal(host.Email, entry.Actor);
        Assert.Equal("account:" + host.Email, entry.Target);
        Assert.Contains(video.Id, entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherUsersFileId_IsRefused_EvenWithTheRightMonth_AndBadInputIsNever500()
    {
        var host = await HostWorld.CreateAsync(_app);
        var (key, start) = LastMonth();
        var other = _app.Sandbox().Add("ajena@" + AccountsTestSupport.Managed, "Ajena", "Docente", 2, "active", DateTimeOffset.UtcNow);
        var theirs = new SandboxRecordingFile("rec-ajena-" + Guid.NewGuid().ToString("N")[..8], "MP4", "MP4", 4_096, start, start.AddMinutes(30));
        HostWorld.AddMeetingFor(_app, other, start, "Clase ajena", 3, theirs);

        var refused = await host.Client.GetAsync($"/mi-cuenta/grabaciones/archivo/{theirs.Id}?mes={key}&descargar=1");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("No encontramos esa grabación entre las de tu cuenta", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync($"/mi-cuenta/grabaciones/archivo/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync($"/mi-cuenta/grabaciones/archivo/{theirs.Id}?mes=2026-13")).StatusCode);

        var empty = await host.Client.GetAsync("/mi-cuenta/grabaciones?mes=" + key);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("No hay grabaciones en la nube", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Clase ajena", html, StringComparison.Ordinal);
        var invalid = await host.Client.GetAsync("/mi-cuenta/grabaciones?mes=marzo");
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("AAAA-MM", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var future = await host.Client.GetStringAsync("/mi-cuenta/grabaciones?mes=" + DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.Contains("todavía no llegó", future, StringComparison.Ordinal);

        await using var scope = _app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.AnyAsync(e => e.Action == "recording.downloaded"));
    }

    [Fact]
    public async Task An_admin_acting_as_the_host_downloads_on_the_hosts_account_and_the_audit_says_both()
    {
        var host = await HostWorld.CreateAsync(_app);
        var (key, start) = LastMonth();
        var file = new SandboxRecordingFile("rec-imp-" + Guid.NewGuid().ToString("N")[..8], "M4A", "M4A", 5_000, start, start.AddMinutes(30));
        host.AddMeeting(_app, start, "Clase de consulta", 3, file);
        // What "Iniciar sesión como" puts in the admin's cookie (built on another branch): the admin's name and the account acted as.
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "admin@inst.edu.ar"),
            new Claim(AularioClaims.Impersonator, "admin@inst.edu.ar"),
            new Claim(AularioClaims.ActingAsAccount, host.Account.Id.ToString("D")),
            new Claim(AularioClaims.ActingAsEmail, host.Email),
        ], "test"));
        var current = CurrentUser.Of(principal);
        Assert.Equal(host.Account.Id, current.SelfAccountId);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var recordings = scope.ServiceProvider.GetRequiredService<AccountRecordings>();
            var (year, month) = (int.Parse(key[..4], CultureInfo.InvariantCulture), int.Parse(key[5..], CultureInfo.InvariantCulture));
            var opened = await recordings.OpenAsync(current.SelfAccountId!.Value, file.Id, year, month, null, download: true, current.Actor);
            Assert.True(opened.IsSuccess, opened.IsSuccess ? "" : opened.Errors[0].Message);
            await using (opened.Value.Content)
            {
                using var sink = new MemoryStream();
                await opened.Value.Content.Content.CopyToAsync(sink);
                Assert.Equal(RecordingBytes.Of(file), sink.ToArray());
            }
        }
        await using var check = _app.Services.CreateAsyncScope();
        var entry = await check.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "recording.downloaded");
        Assert.Equal("admin@inst.edu.ar", entry.Actor);
        Assert.Equal(host.Email, entry.ActingAs);
    }

    private static string Headers(HttpResponseMessage response) =>
        string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(",", h.Value)));

    private void AssertNoZoomSecrets(string text)
    {
        var state = _app.Sandbox();
        Assert.NotEmpty(state.Tokens.Keys); // Aulario did call Zoom with a token
        foreach (var token in state.Tokens.Keys) Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("/rec/download/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Bearer", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("<video[^>]* src=\"([^\"]+)\"")]
    private static partial Regex VideoSrc();
}
