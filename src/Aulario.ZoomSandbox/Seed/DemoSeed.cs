using Aulario.ZoomSandbox.Mailbox;
using Aulario.ZoomSandbox.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.ZoomSandbox;

/// <summary>
/// A demo Zoom account: classroom accounts and teachers on the managed domain, a few pending (with activation mail),
/// one deactivated, assistants, and three months of past meetings with participants and cloud recordings.
/// </summary>
public static class DemoSeed
{
    public static void Apply(IServiceProvider services) => Apply(
        services.GetRequiredService<SandboxState>(), services.GetRequiredService<ZoomSandboxOptions>(),
        services.GetRequiredService<TimeProvider>(), services.GetRequiredService<SandboxContext>().BaseUrl);

    public static void Apply(SandboxState state, ZoomSandboxOptions options, TimeProvider time, Uri baseUrl)
    {
        var domain = options.ManagedDomains.FirstOrDefault()?.TrimStart('@') ?? "aulas.demo.edu.ar";
        var now = time.GetUtcNow();
        var random = new Random(528);

        SandboxUser Add(string local, string first, string last, int type, string status, int daysAgo)
        {
            var u = state.Add($"{local}@{domain}", first, last, type, status, now.AddDays(-daysAgo));
            u.PasswordHash = status == "active" ? SandboxState.HashPassword(Guid.NewGuid().ToString("N") + "Aa1") : null;
            u.PmiPassword = Passcodes.Generate(u.Requirement);
            u.LastLoginTime = status == "active" ? now.AddDays(-random.Next(0, 20)).AddMinutes(-random.Next(0, 600)) : null;
            u.Dept = type == 2 && local.StartsWith("aula", StringComparison.Ordinal) ? "Aulas virtuales" : "Docentes";
            return u;
        }

        var classrooms = new List<SandboxUser>();
        for (var n = 101; n <= 106; n++) classrooms.Add(Add($"aula{n}", "Aula", n.ToString(System.Globalization.CultureInfo.InvariantCulture), 2, "active", 200 - n));
        var garcia = Add("mgarcia", "María", "García", 2, "active", 150);
        Add("jperez", "Juan", "Pérez", 2, "active", 140);
        Add("lrodriguez", "Lucía", "Rodríguez", 1, "inactive", 300);
        Add("asilva", "Ana", "Silva", 1, "active", 60);
        foreach (var (local, first, last) in new[] { ("aula107", "Aula", "107"), ("cmartinez", "Carlos", "Martínez") })
        {
            var pending = Add(local, first, last, 2, "pending", 2);
            pending.ActivationToken = SandboxState.NewId() + SandboxState.NewId();
            pending.InvitationExpiresAt = now.AddDays(-2) + options.InvitationLifetime;
            ActivationMail.Send(state, pending, baseUrl, now.AddDays(-2));
        }
        classrooms[0].AssistantIds.Add(garcia.Id);

        lock (state.Meetings)
        {
            var id = 85_000_000_000L;
            foreach (var host in classrooms.Append(garcia))
            {
                for (var day = 90; day > 0; day -= random.Next(3, 6))
                {
                    var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-day).AddHours(12 + random.Next(0, 8));
                    var duration = 40 + random.Next(0, 80);
                    var participants = Enumerable.Range(1, random.Next(3, 9)).Select(p => new SandboxParticipant(
                        SandboxState.NewId(), $"Estudiante {p}", $"estudiante{p}@alumnos.{domain}", start.AddMinutes(random.Next(0, 10)),
                        start.AddMinutes(duration - random.Next(0, 10)))).ToList();
                    var recordings = random.Next(3) == 0
                        ? new List<SandboxRecordingFile>
                        {
                            // Small real files (a few KB, see RecordingBytes) so demo downloads and playback through Aulario are instant.
                            new(SandboxState.NewId(), "MP4", "MP4", 24_576L + random.Next(0, 40_000), start, start.AddMinutes(duration)),
                            new(SandboxState.NewId(), "M4A", "M4A", 4_096L + random.Next(0, 12_000), start, start.AddMinutes(duration)),
                        }
                        : [];
                    state.Meetings.Add(new SandboxMeeting(id++, Convert.ToBase64String(Guid.NewGuid().ToByteArray()), host.Id,
                        $"Clase en {host.FirstName} {host.LastName}", start, duration, participants, recordings));
                }
            }
        }
    }
}
