namespace Aulario.Core.Common;

/// <summary>
/// A webhook received from the conferencing provider: stored and acknowledged at once, processed afterwards.
/// <see cref="DedupKey"/> (the SHA-256 of the raw body) makes Zoom's retries harmless.
/// </summary>
public sealed class WebhookEvent
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public required string EventName { get; set; }
    public required string DedupKey { get; set; }
    public required string PayloadJson { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public string? Result { get; set; }
    public int Attempts { get; set; }
    /// <summary>An instance working on the event until then (so two instances never apply it twice).</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
