using System.Data.Common;
using System.Globalization;
using Aulario.Core.Siu;

namespace Aulario.Siu.Engine;

/// <summary>Small ADO.NET conveniences shared by both engines: parameters only, never values in SQL text.</summary>
internal static class DbCommands
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? tx = null)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    public static DbCommand With(this DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return cmd;
    }

    /// <summary>Reads rows shaped key, name, code, link.</summary>
    public static async Task<List<SiuSpace>> ReadSpacesAsync(this DbCommand cmd, CancellationToken ct)
    {
        var list = new List<SiuSpace>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new SiuSpace(
                Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
                Text(reader, 1) ?? "",
                Text(reader, 2),
                Text(reader, 3)));
        }
        return list;
    }

    private static string? Text(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
