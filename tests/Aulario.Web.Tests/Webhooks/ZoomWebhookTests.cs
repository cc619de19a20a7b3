using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Jobs;
using Aulario.Persistence;
using Aulario.Web.Features.Webhooks;
using Aulario.Zoom.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aulario.Web.Tests.Webhooks;

public sealed class ZoomWebhookTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-for-tests";
    // The background processor runs once at start and then sleeps, so the tests decide when events are processed.
    private readonly AularioWebFactory _app = new(new() { ["Webhooks:ZoomSecretToken"] = Secret, ["Webhooks:PollInterval"] = "01:00:00" });

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static HttpRequestMessage Signed(string body, DateTimeOffset at, string secret = Secret, string? signatureOverride = null)
    {
        var ts = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/zoom") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-zm-request-timestamp", ts);
        request.Headers.Add("x-zm-signature", signatureOverride ?? ZoomWebhookSignature.Compute(secret, ts, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private static string UserEvent(string name, string id, string email) => JsonSerializer.Serialize(new
    {
        @event = name, event_ts = 1_700_000_000_000,
        payload = new { account_id = "acc", @object = new { id, email, first_name = "Aula", last_name = "Ñandú – 528" } },
    });

    [Fact]
    public async Task UrlValidation_AnswersWithTheHmacOfThePlainToken()
    {
        var client = _app.CreateClient();
        var body = "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1}";
        var response = await client.SendAsync(Signed(body, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("qgg8vlvZRS6UYooatFL8Aw", json.GetProperty("plainToken").GetString());
        Assert.Equal(ZoomWebhookSignature.UrlValidation(Secret, "qgg8vlvZRS6UYooatFL8Aw").EncryptedToken, json.GetProperty("encryptedToken").GetString());
    }

    [Fact]
    public async Task BadSignatureStaleTimestampOrWrongSecret_AreRejectedAndStoreNothing()
    {
        var client = _app.CreateClient();
        var body = UserEvent("user.activated", "u1", "aula1@x.edu.ar");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Signed(body, DateTimeOffset.UtcNow, signatureOverride: "v0=00"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Signed(body, DateTimeOffset.UtcNow.AddMinutes(-6)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Signed(body, DateTimeOffset.UtcNow, secret: "otro-secreto"))).StatusCode);
        // A body changed after signing (one byte) fails too.
        var tampered = Signed(body, DateTimeOffset.UtcNow);
        tampered.Content = new StringContent(body.Replace("aula1", "aula2", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(tampered)).StatusCode);
        var garbage = await client.SendAsync(Signed("no es json", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("application/problem+json", garbage.Content.Headers.ContentType?.MediaType);

        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AularioDbContext>().WebhookEvents.CountAsync());
    }

    [Fact]
    public async Task ActivationEvent_IsStoredOnceAndActivatesThePendingAccountAndWakesWaitingJobs()
    {
        var client = _app.CreateClient();
        Guid jobId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var account = new Account { Email = "aula900@otro.edu.ar", FirstName = "Aula", LastName = "900", ZoomUserId = "zoom-900", Status = AccountStatus.Pending };
            account.RefreshSearchKey();
            db.Accounts.Add(account);
            var job = new Job { Kind = "test.waiting", CreatedBy = "ana", Status = JobStatus.Running, ResumeAt = DateTimeOffset.UtcNow.AddHours(1) };
            jobId = job.Id;
            db.Jobs.Add(job);
            db.JobItems.Add(new JobItem { JobId = job.Id, Key = "x", Status = JobItemStatus.Waiting, NotBefore = DateTimeOffset.UtcNow.AddHours(1) });
            await db.SaveChangesAsync();
        }

        var body = UserEvent("user.invitation_accepted", "zoom-900", "aula900@otro.edu.ar");
        var sentAt = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Signed(body, sentAt))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Signed(body, sentAt))).StatusCode); // Zoom's retry of the same delivery

        var processor = _app.Services.GetServices<IHostedService>().OfType<WebhookProcessor>().Single();
        // Two instances processing at once apply the event once.
        var counts = await Task.WhenAll(processor.ProcessPendingAsync(CancellationToken.None), processor.ProcessPendingAsync(CancellationToken.None));
        Assert.Equal(1, counts.Sum());

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var stored = Assert.Single(await db.WebhookEvents.ToListAsync());
            Assert.NotNull(stored.ProcessedAt);
            Assert.Equal(AccountStatus.Active, (await db.Accounts.SingleAsync(a => a.Email == "aula900@otro.edu.ar")).Status);
            var item = await db.JobItems.SingleAsync(i => i.JobId == jobId);
            Assert.True(item.NotBefore <= DateTimeOffset.UtcNow, "the waiting item must be looked at again now");
            Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.Action == "account.synced-from-zoom" && e.Actor == "zoom-webhook");
        }

        // Applying the same kind of event again changes nothing more (idempotent).
        await client.SendAsync(Signed(body.Replace("1700000000000", "1700000000001", StringComparison.Ordinal), DateTimeOffset.UtcNow));
        await processor.ProcessPendingAsync(CancellationToken.None);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            Assert.Single(await db.AuditEntries.Where(e => e.Action == "account.synced-from-zoom").ToListAsync());
        }
    }

    [Fact]
    public async Task DeactivationEvent_FinalizesTheAccount()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var account = new Account { Email = "docente@otro.edu.ar", ZoomUserId = "zoom-77", Status = AccountStatus.Active, LicenseType = LicenseType.Licensed };
            account.RefreshSearchKey();
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
        }
        var response = await _app.CreateClient().SendAsync(Signed(UserEvent("user.deactivated", "zoom-77", "docente@otro.edu.ar"), DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _app.Services.GetServices<IHostedService>().OfType<WebhookProcessor>().Single().ProcessPendingAsync(CancellationToken.None);
        await using var s = _app.Services.CreateAsyncScope();
        var stored = await s.ServiceProvider.GetRequiredService<AularioDbContext>().Accounts.SingleAsync(a => a.Email == "docente@otro.edu.ar");
        Assert.Equal(AccountStatus.Finalized, stored.Status);
        Assert.Equal(LicenseType.Licensed, stored.LicenseTypeBeforeFinalize);
    }
}
