using System.Text;

namespace Aulario.Core.Common;

/// <summary>
/// Writes CSV for spreadsheets: UTF-8 with BOM (Excel opens it as UTF-8), RFC 4180 quoting, and cells that a spreadsheet
/// would run as a formula (starting with = + - @, tab or carriage return) neutralised with a leading apostrophe.
/// </summary>
public sealed class CsvText(TextWriter writer, char separator = ',')
{
    public static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public async Task WriteRowAsync(IEnumerable<string?> cells, CancellationToken ct = default)
    {
        var first = true;
        var line = new StringBuilder();
        foreach (var cell in cells)
        {
            if (!first) line.Append(separator);
            first = false;
            line.Append(Escape(cell, separator));
        }
        line.Append("\r\n");
        await writer.WriteAsync(line.ToString().AsMemory(), ct);
    }

    public static string Escape(string? value, char separator = ',')
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
