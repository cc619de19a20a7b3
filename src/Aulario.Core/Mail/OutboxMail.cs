namespace Aulario.Core.Mail;

public enum OutboxMailStatus { Pending = 0, Sent = 1, Failed = 2 }

/// <summary>A mail waiting to be sent (durable outbox: written in the same transaction as the change that causes it).</summary>
public sealed class OutboxMail
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    public OutboxMailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
