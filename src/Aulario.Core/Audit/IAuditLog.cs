namespace Aulario.Core.Audit;

/// <summary>Adds audit entries to the current unit of work (saved with the change it describes).</summary>
public interface IAuditLog
{
    void Record(Actor actor, string action, string target, object? before = null, object? after = null, Guid? portalId = null);
}
