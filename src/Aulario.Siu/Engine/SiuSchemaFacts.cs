using Aulario.Core.Siu;
using Aulario.Siu.Naming;
using Aulario.Siu.Rules;

namespace Aulario.Siu.Engine;

/// <summary>What the SIU database says about the configured table: encoding, existence, columns with types and lengths, rights.</summary>
internal sealed record SiuSchemaFacts(
    string ServerEncoding, bool TableExists, IReadOnlyList<SiuColumnInfo> Columns, bool? CanSelect = null, bool? CanUpdate = null)
{
    public bool IsLatin1 => SiuValueRules.IsLatin1Encoding(ServerEncoding);

    public SiuColumnInfo? Column(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<string> MissingColumns(SiuSqlNames names) => names.Columns.Where(c => Column(c) is null).ToList();

    public int? MaxLength(SiuSqlNames names, SiuField field) =>
        field == SiuField.Link ? Column(names.Link)?.MaxLength
        : field == SiuField.Name ? Column(names.Name)?.MaxLength
        : field == SiuField.Code ? Column(names.Code)?.MaxLength
        : null;

    /// <summary>The configured columns in report order (key, link, name, code) that exist.</summary>
    public IReadOnlyList<SiuColumnInfo> Ordered(SiuSqlNames names) =>
        names.Columns.Select(Column).OfType<SiuColumnInfo>().ToList();
}
