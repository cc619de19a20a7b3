using System.Text;

namespace Aulario.Core.Import;

/// <summary>
/// Reads an uploaded CSV the way spreadsheets write it: UTF-8 with or without BOM, comma or semicolon (Excel in Spanish),
/// RFC 4180 quotes. Text that is not valid UTF-8 (Windows-1252 "ANSI" from Excel) is refused with a clear message.
/// </summary>
public static class CsvReader
{
    public sealed record Parsed(char Separator, IReadOnlyList<string> Header, IReadOnlyList<(int Line, string[] Cells)> Rows);

    public static Aulario.Core.Common.Result<Parsed> Parse(ReadOnlySpan<byte> bytes, int maxRows)
    {
        string text;
        try
        {
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            var start = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            text = utf8.GetString(bytes[start..]);
        }
        catch (DecoderFallbackException)
        {
            return Aulario.Core.Common.Error.Validation("import.not-utf8",
                "El archivo no está en UTF-8 (parece guardado como «CSV (delimitado por comas)» de Excel, en Windows-1252). En Excel elegí «Guardar como» → «CSV UTF-8» y volvé a subirlo.", "file");
        }
        if (string.IsNullOrWhiteSpace(text)) return Aulario.Core.Common.Error.Validation("import.empty", "El archivo está vacío.", "file");

        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var firstLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var records = Records(text, separator).ToList();
        if (records.Count == 0) return Aulario.Core.Common.Error.Validation("import.empty", "El archivo está vacío.", "file");
        var header = records[0].Cells.Select(h => h.Trim()).ToArray();
        var rows = records.Skip(1).Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (rows.Count > maxRows)
            return Aulario.Core.Common.Error.Validation("import.too-many",
                $"El archivo tiene {rows.Count:N0} filas; se admiten hasta {maxRows:N0} por importación. Dividilo en partes.", "file");
        return new Parsed(separator, header, rows);
    }

    private static IEnumerable<(int Line, string[] Cells)> Records(string text, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; cell.Append(c); }
                continue;
            }
            if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                cells.Add(cell.ToString()); cell.Clear();
                yield return (recordLine, cells.ToArray());
                cells.Clear();
                line++;
                recordLine = line;
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            yield return (recordLine, cells.ToArray());
        }
    }
}
