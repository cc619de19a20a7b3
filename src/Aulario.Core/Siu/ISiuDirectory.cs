using Aulario.Core.Common;

namespace Aulario.Core.Siu;

/// <summary>
/// A portal's SIU-Guaraní database: the spaces (negocio.sga_espacios) whose link, name and code students see.
/// Implemented by Aulario.Siu with hand-written SQL (PostgreSQL in production; SQLite for the demo SIU).
/// </summary>
public interface ISiuDirectory
{
    /// <summary>Checks that the table and columns exist; reads their maximum lengths and the server encoding.</summary>
    Task<Result<SiuConnectionReport>> TestConnectionAsync(SiuTarget target, CancellationToken ct = default);
    Task<Result<IReadOnlyList<SiuSpace>>> SearchSpacesAsync(SiuTarget target, string? query, int limit, CancellationToken ct = default);
    Task<Result<SiuSpace>> GetSpaceAsync(SiuTarget target, int spaceId, CancellationToken ct = default);
    /// <summary>
    /// One transaction: lock the row, set the SIU audit user (both Toba variants), update link, name and code,
    /// exactly one row or roll back. Idempotent: when the row already holds the new values nothing is written.
    /// Errors name the field (22P05 Latin-1, 22001 too long, 23505 duplicate code, missing column, refused connection).
    /// </summary>
    Task<Result<SiuUpdateOutcome>> UpdateSpaceAsync(SiuTarget target, SiuSpaceUpdate update, CancellationToken ct = default);
}

public enum SiuProvider { PostgreSql, Sqlite }

/// <summary>The configurable SIU names with SIU's defaults.</summary>
public sealed record SiuNames(
    string Schema = "negocio",
    string Table = "sga_espacios",
    string KeyColumn = "espacio",
    string LinkColumn = "link_clase_virtual",
    string NameColumn = "nombre",
    string CodeColumn = "codigo");

public sealed record SiuTarget(SiuProvider Provider, string ConnectionString, SiuNames Names, string AuditUser);

public sealed record SiuSpace(int Id, string Name, string? Code, string? Link);

public sealed record SiuSpaceUpdate(int SpaceId, string Link, string Name, string? Code);

public sealed record SiuUpdateOutcome(SiuSpace Before, SiuSpace After, bool Changed);

public sealed record SiuColumnInfo(string Name, string DataType, int? MaxLength);

public sealed record SiuConnectionReport(string ServerEncoding, IReadOnlyList<SiuColumnInfo> Columns, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>Stable codes of the errors the SIU port reports.</summary>
public static class SiuErrorCodes
{
    public const string NotLatin1 = "siu.not-latin1";           // 22P05 or rejected before sending
    public const string TooLong = "siu.too-long";               // 22001 or checked against character_maximum_length
    public const string DuplicateCode = "siu.duplicate-code";   // 23505
    public const string MissingColumn = "siu.missing-column";   // 42703 / information_schema
    public const string MissingTable = "siu.missing-table";     // 42P01
    public const string ConnectionFailed = "siu.connection-failed";
    public const string SpaceNotFound = "siu.space-not-found";
    public const string NotExactlyOneRow = "siu.not-exactly-one-row";
    public const string Other = "siu.other";
}
