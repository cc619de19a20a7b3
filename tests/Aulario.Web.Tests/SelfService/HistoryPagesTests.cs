using System.Net;
using System.Text.RegularExpressions;
using Aulario.Web.Tests.Accounts;

namespace Aulario.Web.Tests.SelfService;

public sealed partial class HistoryPagesTests : IAsyncLifetime
{
    private readonly AularioWebFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Host_SeesOwnMeetingsOfTheLast30Days_PagedForward_AndTheirParticipants_NeverSomeoneElses()
    {
        var host = await HostWorld.CreateAsync(_app);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 34; i++) host.AddMeeting(_app, now.AddDays(-1 - i * 0.7), $"Clase {i:00}");
        host.AddMeeting(_app, now.AddDays(-45), "Clase vieja");
        var other = _app.Sandbox().Add("otra@" + AccountsTestSupport.Managed, "Otra", "Docente", 2, "active", now);
        var foreign = HostWorld.AddMeetingFor(_app, other, now.AddDays(-2), "Reunión ajena", participants: 4);

        var first = await host.Client.GetAsync("/mi-cuenta/historial");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("Historial de reuniones", html, StringComparison.Ordinal);
        Assert.Equal(30, ParticipantLinks().Matches(html).Count);
        Assert.Contains("Clase 00", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Clase vieja", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Reunión ajena", html, StringComparison.Ordinal);
        Assert.Contains("1 h 15 min", html, StringComparison.Ordinal);
        var next = NextLink().Match(html);
        Assert.True(next.Success, "a next page link");

        var second = await host.Client.GetStringAsync(WebUtility.HtmlDecode(next.Groups[1].Value));
        Assert.Equal(4, ParticipantLinks().Matches(second).Count);
        Assert.Contains("Clase 33", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
        Assert.Contains("Primera página", second, StringComparison.Ordinal);

        var participantsUrl = WebUtility.HtmlDecode(ParticipantLinks().Match(html).Groups[1].Value);
        var participants = await host.Client.GetStringAsync(participantsUrl);
        Assert.Contains("Participantes de la reunión", participants, StringComparison.Ordinal);
        Assert.Contains("e1@alumnos.test.edu.ar", participants, StringComparison.Ordinal);

        var older = await host.Client.GetStringAsync("/mi-cuenta/historial?desde=" + Day(now.AddDays(-60)) + "&hasta=" + Day(now.AddDays(-40)));
        Assert.Contains("Clase vieja", older, StringComparison.Ordinal);

        var theirs = await host.Client.GetAsync("/mi-cuenta/historial/participantes?reunion=" + Uri.EscapeDataString(foreign.Uuid));
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        var refused = await theirs.Content.ReadAsStringAsync();
        Assert.Contains("No encontramos esa reunión entre las de tu cuenta", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Estudiante Reunión ajena", refused, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, 10, "no puede ser posterior")]
    [InlineData(-1, 240, "últimos 6 meses")]
    public async Task InvalidRanges_AreClearSpanishErrors_NeverA500(int toDaysAgo, int fromDaysAgo, string message)
    {
        var host = await HostWorld.CreateAsync(_app);
        var now = DateTimeOffset.UtcNow;
        var response = await host.Client.GetAsync($"/mi-cuenta/historial?desde={Day(now.AddDays(-fromDaysAgo))}&hasta={Day(now.AddDays(-toDaysAgo))}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);

        var garbage = await host.Client.GetAsync("/mi-cuenta/historial?desde=ayer&pagina=7.zz");
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Contains("role=\"alert\"", await garbage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyPeriod_SaysSo_InEnglishToo()
    {
        var host = await HostWorld.CreateAsync(_app);
        var html = await host.Client.GetStringAsync("/mi-cuenta/historial");
        Assert.Contains("No hay reuniones terminadas en este período", html, StringComparison.Ordinal);
        var token = await host.Client.AntiforgeryTokenAsync("/mi-cuenta/historial");
        var switched = await host.Client.PostFormAsync("/cultura", token, ("culture", "en"), ("returnUrl", "/mi-cuenta/historial"));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await host.Client.GetStringAsync("/mi-cuenta/historial");
        Assert.Contains("No meetings ended in this period", english, StringComparison.Ordinal);
        Assert.Contains("Meeting history", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_without_an_account_of_their_own_cannot_open_self_service()
    {
        var admin = await _app.SignedInAsync();
        var response = await admin.GetAsync("/mi-cuenta/historial");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, response.StatusCode.ToString());
        if (response.StatusCode == HttpStatusCode.Redirect) Assert.DoesNotContain("/mi-cuenta", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var stream = await admin.GetAsync("/mi-cuenta/grabaciones/archivo/x?mes=2026-01");
        Assert.True(stream.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, stream.StatusCode.ToString());
    }

    private static string Day(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(-3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("href=\"(/mi-cuenta/historial/participantes\\?[^\"]+)\"")]
    private static partial Regex ParticipantLinks();

    [GeneratedRegex("href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();
}
