using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Aulario.ZoomSandbox.Recordings;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed class HistoryPagingAndRangeTests
{
    private static string Day(DateTimeOffset t, int days) => DateOnly.FromDateTime(t.UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Report_and_participants_page_with_next_page_token_bound_to_their_listing()
    {
        await using var host = await SandboxHost.StartAsync(o => o.SeedDemoData = true);
        var now = host.Time.GetUtcNow();
        var user = "aula101@" + SandboxHost.ManagedDomain;
        var range = $"from={Day(now, -29)}&to={Day(now, 0)}";
        var all = await host.GetJsonAsync($"v2/report/users/{user}/meetings?{range}&page_size=300");
        var total = all.GetProperty("total_records").GetInt32();
        Assert.True(total >= 3, $"seeded meetings in the last 30 days: {total}");

        var first = await host.GetJsonAsync($"v2/report/users/{user}/meetings?{range}&page_size=2");
        Assert.Equal(2, first.GetProperty("meetings").GetArrayLength());
        var token = first.GetProperty("next_page_token").GetString()!;
        Assert.NotEmpty(token);
        var second = await host.GetJsonAsync($"v2/report/users/{user}/meetings?{range}&page_size=2&next_page_token={token}");
        Assert.NotEqual(first.GetProperty("meetings")[0].GetProperty("uuid").GetString(), second.GetProperty("meetings")[0].GetProperty("uuid").GetString());

        // A token belongs to the listing that issued it: another range, or another endpoint, is 400/300.
        using (var other = await host.Http.GetAsync($"v2/report/users/{user}/meetings?from={Day(now, -59)}&to={Day(now, -30)}&next_page_token={token}"))
            await SandboxHost.AssertZoomErrorAsync(other, 400, 300);
        using (var recordings = await host.Http.GetAsync($"v2/users/{user}/recordings?{range}&next_page_token={token}"))
            await SandboxHost.AssertZoomErrorAsync(recordings, 400, 300);
        host.Time.Advance(TimeSpan.FromMinutes(16));
        using (var expired = await host.Http.GetAsync($"v2/report/users/{user}/meetings?{range}&page_size=2&next_page_token={token}"))
            await SandboxHost.AssertZoomErrorAsync(expired, 400, 300);

        var uuid = first.GetProperty("meetings")[0].GetProperty("uuid").GetString()!;
        var past = await host.GetJsonAsync($"v2/past_meetings/{Uri.EscapeDataString(Uri.EscapeDataString(uuid))}");
        Assert.Equal(host.Server.State.Find(user)!.Id, past.GetProperty("host_id").GetString());
        var participants = await host.GetJsonAsync($"v2/past_meetings/{Uri.EscapeDataString(uuid)}/participants?page_size=1");
        Assert.Equal(1, participants.GetProperty("participants").GetArrayLength());
        Assert.NotEmpty(participants.GetProperty("next_page_token").GetString()!);
        using var missing = await host.Http.GetAsync("v2/past_meetings/nope");
        await SandboxHost.AssertZoomErrorAsync(missing, 404, 3001);
    }

    [Fact]
    public async Task Recording_download_serves_the_files_bytes_and_byte_ranges_like_Zoom()
    {
        await using var host = await SandboxHost.StartAsync(o => o.SeedDemoData = true);
        var file = host.Server.State.Meetings.SelectMany(m => m.Recordings).First(r => r.FileType == "MP4");
        Assert.InRange(file.Size, 1_024, 128 * 1024); // demo files are a few KB
        var url = new Uri(host.Server.BaseUrl, "rec/download/" + file.Id);

        var whole = await host.Http.GetByteArrayAsync(url);
        Assert.Equal(RecordingBytes.Of(file), whole);
        Assert.Equal(file.Size, whole.Length);
        Assert.Equal("ftypisom", System.Text.Encoding.ASCII.GetString(whole, 4, 8));

        using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
        ranged.Headers.Range = new RangeHeaderValue(10, 19);
        using var part = await host.Http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 10-19/{file.Size}", part.Content.Headers.ContentRange!.ToString());
        Assert.Equal(whole[10..20], await part.Content.ReadAsByteArrayAsync());

        using var outside = new HttpRequestMessage(HttpMethod.Get, url);
        outside.Headers.Range = new RangeHeaderValue(file.Size + 10, null);
        using var refused = await host.Http.SendAsync(outside);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, refused.StatusCode);

        using var anonymous = new HttpClient();
        using var withQueryToken = await anonymous.GetAsync(url + "?access_token=" + host.Http.DefaultRequestHeaders.Authorization!.Parameter);
        await SandboxHost.AssertZoomErrorAsync(withQueryToken, 401, 124); // Zoom stopped accepting the token in the query (Feb 2023)
    }
}
