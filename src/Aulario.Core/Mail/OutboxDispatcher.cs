using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Aulario.Core.Mail;

/// <summary>Delivers one mail (SMTP in production). Throws on failure; the outbox retries.</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMail mail, CancellationToken ct);
}

/// <summary>
/// Sends due outbox mails. A mail is claimed by moving its next attempt forward with a conditional update, so two
/// instances never send the same mail; failures are retried with growing delays and the last error stays visible.
/// </summary>
public sealed class OutboxDispatcher(IAularioDb db, IMailTransport transport, TimeProvider time, ILogger<OutboxDispatcher> log)
{
    public const int MaxAttempts = 8;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    public async Task<int> DispatchDueAsync(int max = 50, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var due = await db.OutboxMails.Where(m => m.Status == OutboxMailStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Select(m => new { m.Id, m.NextAttemptAt }).Take(max).ToListAsync(ct);
        var sent = 0;
        foreach (var candidate in due)
        {
            var claimedUntil = now + ClaimFor;
            var claimed = await db.OutboxMails.Where(m => m.Id == candidate.Id && m.NextAttemptAt == candidate.NextAttemptAt && m.Status == OutboxMailStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, claimedUntil), ct);
            if (claimed != 1) continue;
            var mail = await db.OutboxMails.FirstAsync(m => m.Id == candidate.Id, ct);
            try
            {
                await transport.SendAsync(mail, ct);
                mail.Status = OutboxMailStatus.Sent;
                mail.SentAt = time.GetUtcNow();
                mail.LastError = null;
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                mail.Attempts++;
                mail.LastError = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                mail.Status = mail.Attempts >= MaxAttempts ? OutboxMailStatus.Failed : OutboxMailStatus.Pending;
                mail.NextAttemptAt = time.GetUtcNow() + Backoff(mail.Attempts);
                log.LogWarning("Mail {MailId} to {Domain} not sent (attempt {Attempt}): {Error}", mail.Id, Domain(mail.To), mail.Attempts, mail.LastError);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    /// <summary>30 s, 2 min, 8 min, 32 min, … capped at 6 h.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(4, attempts - 1), 6 * 3600));

    private static string Domain(string email) => email[(email.LastIndexOf('@') + 1)..];
}
