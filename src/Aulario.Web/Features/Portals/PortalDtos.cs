using Aulario.Core.Common;
using Aulario.Core.Portals;
using Aulario.Core.Siu;

namespace Aulario.Web.Features.Portals;

/// <summary>A portal as the API shows it: the SIU connection string is never sent back, only whether it is configured.</summary>
public sealed record PortalResponse(
    Guid Id, string Code, string Name, string SiuProvider, string SiuSchema, string SiuTable, string SiuKeyColumn,
    string SiuLinkColumn, string SiuNameColumn, string SiuCodeColumn, string SiuAuditUser, bool ConnectionConfigured)
{
    public static PortalResponse From(Portal p) => new(p.Id, p.Code, p.Name, ProviderInput.Name(p.SiuProvider), p.SiuSchema, p.SiuTable,
        p.SiuKeyColumn, p.SiuLinkColumn, p.SiuNameColumn, p.SiuCodeColumn, p.SiuAuditUser, p.SiuConnectionProtected is not null);
}

/// <summary>Create or edit a portal. Null SIU names take SIU's defaults; a null connection string keeps the stored one.</summary>
public sealed record PortalBody(
    string? Code, string? Name, string? SiuConnectionString, string? SiuProvider, string? SiuSchema, string? SiuTable, string? SiuKeyColumn,
    string? SiuLinkColumn, string? SiuNameColumn, string? SiuCodeColumn, string? SiuAuditUser)
{
    public Result<PortalInput> ToInput()
    {
        var provider = ProviderInput.Parse(SiuProvider);
        if (!provider.IsSuccess) return Result<PortalInput>.Fail(provider.Errors);
        var d = new SiuNames();
        return new PortalInput(Code ?? "", Name ?? "", SiuConnectionString, provider.Value, SiuSchema ?? d.Schema, SiuTable ?? d.Table,
            SiuKeyColumn ?? d.KeyColumn, SiuLinkColumn ?? d.LinkColumn, SiuNameColumn ?? d.NameColumn, SiuCodeColumn ?? d.CodeColumn,
            SiuAuditUser ?? "aulario");
    }
}

public sealed record SiuColumnResponse(string Name, string DataType, int? MaxLength);

public sealed record ConnectionReportResponse(bool Ok, string ServerEncoding, IReadOnlyList<SiuColumnResponse> Columns, IReadOnlyList<string> Problems)
{
    public static ConnectionReportResponse From(SiuConnectionReport r) =>
        new(r.Ok, r.ServerEncoding, r.Columns.Select(c => new SiuColumnResponse(c.Name, c.DataType, c.MaxLength)).ToList(), r.Problems);
}

public sealed record SpaceResponse(int Id, string Name, string? Code, string? Link)
{
    public static SpaceResponse From(SiuSpace s) => new(s.Id, s.Name, s.Code, s.Link);
}

/// <summary>The SIU engine as typed in forms and JSON: "postgresql" (production) or "sqlite" (demo SIU only).</summary>
public static class ProviderInput
{
    public static string Name(SiuProvider p) => p switch
    {
        SiuProvider.PostgreSql => "postgresql",
        SiuProvider.Sqlite => "sqlite",
    };

    public static Result<SiuProvider> Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "postgresql" or "postgres" => SiuProvider.PostgreSql,
        "sqlite" => SiuProvider.Sqlite,
        _ => Error.Validation("portal.provider-invalid", "El motor de SIU debe ser postgresql (o sqlite para el SIU de demostración).", "siuProvider"),
    };
}
