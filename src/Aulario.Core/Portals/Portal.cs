namespace Aulario.Core.Portals;

/// <summary>An academic unit with its own SIU-Guaraní database (e.g. "ISSP"). Admins may be scoped to portals.</summary>
public sealed class Portal
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>SIU connection string, encrypted with Data Protection.</summary>
    public string? SiuConnectionProtected { get; set; }
    /// <summary>PostgreSQL in production; SQLite only for the demo SIU.</summary>
    public Aulario.Core.Siu.SiuProvider SiuProvider { get; set; } = Aulario.Core.Siu.SiuProvider.PostgreSql;
    public DateTimeOffset CreatedAt { get; set; }
    public string SiuSchema { get; set; } = "negocio";
    public string SiuTable { get; set; } = "sga_espacios";
    public string SiuKeyColumn { get; set; } = "espacio";
    public string SiuLinkColumn { get; set; } = "link_clase_virtual";
    public string SiuNameColumn { get; set; } = "nombre";
    public string SiuCodeColumn { get; set; } = "codigo";
    public string SiuAuditUser { get; set; } = "aulario";

    public Aulario.Core.Siu.SiuNames Names => new(SiuSchema, SiuTable, SiuKeyColumn, SiuLinkColumn, SiuNameColumn, SiuCodeColumn);
}
