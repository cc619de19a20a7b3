namespace Aulario.Siu.Rules;

/// <summary>A value the adapter writes to SIU: the error field name (as the domain names it) and its Spanish label.</summary>
internal sealed record SiuField(string Key, string Label)
{
    public static readonly SiuField Link = new("link", "El enlace");
    public static readonly SiuField Name = new("nombre", "El nombre");
    public static readonly SiuField Code = new("codigo", "El código");
    public static readonly SiuField AuditUser = new("usuarioAuditoria", "El usuario de auditoría");

    public static IReadOnlyList<SiuField> Written => [Link, Name, Code];
}
