using System.Data.Common;
using Aulario.Core.Common;
using Aulario.Core.Siu;
using Aulario.Siu.Naming;

namespace Aulario.Siu.Engine;

/// <summary>What differs between the SIU engines (PostgreSQL in production, SQLite for the demo SIU).</summary>
internal interface ISiuDialect
{
    Task<DbConnection> OpenAsync(SiuTarget target, SiuSqlNames names, CancellationToken ct);

    /// <summary>A write transaction (PostgreSQL READ COMMITTED + row lock; SQLite BEGIN IMMEDIATE).</summary>
    Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken ct);

    Task<SiuSchemaFacts> InspectAsync(DbConnection connection, DbTransaction? tx, SiuSqlNames names, CancellationToken ct);

    /// <summary>SELECT key, name, code, link of @id, locking the row where the engine can.</summary>
    string LockRowSql(SiuSqlNames names);

    /// <summary>SELECT key, name, code, link matching @q (exact key) or @p (pattern, '!' escapes) ordered by name, LIMIT @limit.</summary>
    string SearchSql(SiuSqlNames names);

    /// <summary>Makes SIU's audit name <paramref name="auditUser"/> as the author of the update that follows.</summary>
    Task SetAuditUserAsync(DbConnection connection, DbTransaction tx, SiuSqlNames names, string auditUser, CancellationToken ct);

    /// <summary>Work after the UPDATE and before COMMIT (the demo SIU writes its audit row here).</summary>
    Task AfterUpdateAsync(DbConnection connection, DbTransaction tx, SiuSqlNames names, string auditUser, SiuSpace after, CancellationToken ct);

    /// <summary>Maps an engine failure to the port's error; null for a failure that is a bug (rethrown).</summary>
    Error? Map(Exception exception, SiuFailureContext context);
}

/// <summary>What a failure message may name: the target (never its password), the names, and the update being made.</summary>
internal sealed record SiuFailureContext(SiuTarget Target, SiuSqlNames Names, SiuSpaceUpdate? Update);
