namespace Aulario.ZoomSandbox;

/// <summary>An e-mail the demo Zoom account sent (activation links land here).</summary>
public sealed record SandboxMail(string Id, string To, string Subject, string? ActivationUrl, DateTimeOffset SentAt, string Body);

public sealed record SandboxMeeting(long Id, string Uuid, string HostId, string Topic, DateTimeOffset StartTime, int DurationMinutes,
    IReadOnlyList<SandboxParticipant> Participants, IReadOnlyList<SandboxRecordingFile> Recordings);

public sealed record SandboxParticipant(string Id, string Name, string Email, DateTimeOffset JoinTime, DateTimeOffset LeaveTime);

public sealed record SandboxRecordingFile(string Id, string FileType, string Extension, long Size, DateTimeOffset Start, DateTimeOffset End);
