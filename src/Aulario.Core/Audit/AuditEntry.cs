namespace Aulario.Core.Audit;

/// <summary>One recorded state change. Written for every change; never updated.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Who acted (admin user name, "system", "scim:token-name", "zoom-webhook").</summary>
    public required string Actor { get; set; }
    /// <summary>When an admin acts as a user ("Iniciar sesión como"), the user they act as.</summary>
    public string? ActingAs { get; set; }
    public Guid? PortalId { get; set; }
    /// <summary>Stable action name, e.g. "account.created", "classroom.siu-updated".</summary>
    public required string Action { get; set; }
    /// <summary>What was changed: "account:aula528@inst.edu.ar", "portal:ISSP".</summary>
    public required string Target { get; set; }
    /// <summary>JSON of the relevant fields before the change (secrets never included).</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>Who is acting, as seen by use cases.</summary>
public sealed record Actor(string Name, string? ActingAs = null)
{
    public static readonly Actor System = new("system");
}
