using System.Text;
using Aulario.Core.Import;

namespace Aulario.Core.Tests.Import;

public class CsvReaderTests
{
    [Fact]
    public void Parse_ReadsExcelSpanishSemicolonsWithBomAndQuotes()
    {
        var text = "\uFEFFemail;nombre;apellido\r\naula1@inst.edu.ar;\"Pérez; Ana\";\"O\"\"Brien\"\r\n\r\naula2@inst.edu.ar;Juan;\"dos\nlíneas\"\r\n";
        var parsed = CsvReader.Parse(Encoding.UTF8.GetBytes(text), 10);
        Assert.True(parsed.IsSuccess);
        Assert.Equal(';', parsed.Value.Separator);
        Assert.Equal(["email", "nombre", "apellido"], parsed.Value.Header);
        Assert.Equal(2, parsed.Value.Rows.Count);
        Assert.Equal(["aula1@inst.edu.ar", "Pérez; Ana", "O\"Brien"], parsed.Value.Rows[0].Cells);
        Assert.Equal(2, parsed.Value.Rows[0].Line);
        Assert.Equal("dos\nlíneas", parsed.Value.Rows[1].Cells[2]);
        Assert.Equal(4, parsed.Value.Rows[1].Line);
    }

    [Fact]
    public void Parse_ReadsCommasWithoutBom()
    {
        var parsed = CsvReader.Parse("correo,nombre\nx@inst.edu.ar,Ana"u8, 10);
        Assert.Equal(',', parsed.Value.Separator);
        Assert.Equal(["x@inst.edu.ar", "Ana"], parsed.Value.Rows.Single().Cells);
    }

    [Fact]
    public void Parse_RefusesWindows1252WithAClearMessage()
    {
        // "Pérez" in Windows-1252: é = 0xE9, invalid as UTF-8.
        byte[] ansi = [.. "email;apellido\nx@inst.edu.ar;P"u8, 0xE9, .. "rez"u8];
        var parsed = CsvReader.Parse(ansi, 10);
        Assert.False(parsed.IsSuccess);
        Assert.Equal("import.not-utf8", parsed.Errors[0].Code);
        Assert.Contains("CSV UTF-8", parsed.Errors[0].Message);
    }

    [Fact]
    public void Parse_RefusesEmptyAndTooLargeFiles()
    {
        Assert.Equal("import.empty", CsvReader.Parse("  \r\n"u8, 10).Errors[0].Code);
        var big = new StringBuilder("email\n");
        for (var i = 0; i < 11; i++) big.Append("a").Append(i).Append("@x.edu.ar\n");
        var parsed = CsvReader.Parse(Encoding.UTF8.GetBytes(big.ToString()), 10);
        Assert.Equal("import.too-many", parsed.Errors[0].Code);
        Assert.Contains("11", parsed.Errors[0].Message);
    }
}
