using System.Text;
using Aulario.Core.Import;

namespace Aulario.Core.Tests.Import;

/// <summary>The classroom import's dry run on bad files and bad rows, before anything is asked of SIU: a clear message, nothing kept.</summary>
public class ClassroomImportFileTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void ExcelInSpanish_BomAndSemicolons_AreRead_WithSpaceByIdOrByCode()
    {
        var checkedFile = ClassroomImport.CheckFile(Utf8("\uFEFFcorreo;espacio;código;nombre;codigo_nuevo;finalizar_anterior\r\n" +
            "Aula1@Inst.edu.ar;20;;\"Zoom 01; mañana\";Z01;sí\r\naula2@inst.edu.ar;;ZOOM02;;;\r\n"));

        Assert.True(checkedFile.IsSuccess);
        var (separator, invalid, candidates) = checkedFile.Value;
        Assert.Equal(';', separator);
        Assert.Empty(invalid);
        Assert.Equal(new ClassroomImportCandidate(2, "aula1@inst.edu.ar", 20, "", "Zoom 01; mañana", "Z01", true), candidates[0]);
        Assert.Equal(new ClassroomImportCandidate(3, "aula2@inst.edu.ar", null, "ZOOM02", null, null, false), candidates[1]);
    }

    [Fact]
    public void Windows1252_IsRefusedWithHowToSaveAsUtf8()
    {
        byte[] ansi = [.. "email;espacio;nombre\nx@inst.edu.ar;20;Aula Ma"u8, 0xF1, .. "ana"u8]; // ñ in Windows-1252
        var result = ClassroomImport.CheckFile(ansi);
        Assert.Equal("import.not-utf8", Assert.Single(result.Errors).Code);
        Assert.Contains("CSV UTF-8", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("espacio;nombre\n20;Aula", "import.missing-email")]
    [InlineData("email;nombre\nx@inst.edu.ar;Aula", "import.missing-space")]
    [InlineData("email;espacio;telefono\nx@inst.edu.ar;20;123", "import.unknown-column")]
    [InlineData("email;espacio;id_espacio\nx@inst.edu.ar;20;21", "import.duplicate-column")]
    [InlineData("   \n", "import.empty")]
    public void MissingUnknownOrRepeatedColumns_AreFileErrors(string text, string code)
    {
        var result = ClassroomImport.CheckFile(Utf8(text));
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Errors, e => e.Code == code);
    }

    [Fact]
    public void FiftyThousandRows_AreRefusedAsTooMany_AndTheLimitItselfIsAccepted()
    {
        var big = new StringBuilder("email,espacio\n");
        for (var i = 1; i <= 50_000; i++) big.Append("aula").Append(i).Append("@inst.edu.ar,").Append(i).Append('\n');
        var tooMany = ClassroomImport.CheckFile(Utf8(big.ToString()));
        Assert.Equal("import.too-many", Assert.Single(tooMany.Errors).Code);
        Assert.Contains(ClassroomImport.MaxRows.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), tooMany.Errors[0].Message, StringComparison.Ordinal);

        var limit = new StringBuilder("email,espacio\n");
        for (var i = 1; i <= ClassroomImport.MaxRows; i++) limit.Append("aula").Append(i).Append("@inst.edu.ar,").Append(i).Append('\n');
        Assert.Equal(ClassroomImport.MaxRows, ClassroomImport.CheckFile(Utf8(limit.ToString())).Value.Candidates.Count);
    }

    [Fact]
    public void BadRows_AreReportedOneByOne_WithTheirLine_AndTheOthersGoOn()
    {
        var result = ClassroomImport.CheckFile(Utf8(
            "email,espacio,codigo,finalizar_anterior\n" +
            "ok@inst.edu.ar,20,,no\n" +          // 2 valid
            "no-es-correo,21,,\n" +               // 3 bad email
            "otra@inst.edu.ar,veinte,,\n" +       // 4 space not a number
            "OK@inst.edu.ar,22,,\n" +             // 5 same account as line 2
            "tercera@inst.edu.ar,20,,\n" +        // 6 same space as line 2
            "cuarta@inst.edu.ar,,,\n" +           // 7 no space at all
            "quinta@inst.edu.ar,23,,quizás\n" +   // 8 unknown yes/no
            "sexta@inst.edu.ar,24,,no,extra\n" +  // 9 one cell too many
            "septima@inst.edu.ar,,ZOOM02,\n"));   // 10 valid, by code

        var (_, invalid, candidates) = result.Value;
        Assert.Equal([2, 10], candidates.Select(c => c.Line));
        var messages = invalid.ToDictionary(r => r.Line, r => r.Message);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], messages.Keys.Order());
        Assert.Contains("correo", messages[3], StringComparison.Ordinal);
        Assert.Contains("«veinte»", messages[4], StringComparison.Ordinal);
        Assert.Contains("fila 2", messages[5], StringComparison.Ordinal);
        Assert.Contains("espacio 20 ya aparece en la fila 2", messages[6], StringComparison.Ordinal);
        Assert.Contains("Indicá el espacio", messages[7], StringComparison.Ordinal);
        Assert.Contains("«quizás»", messages[8], StringComparison.Ordinal);
        Assert.Contains("5 columnas", messages[9], StringComparison.Ordinal);
        Assert.All(invalid, r => Assert.Equal(ClassroomImportStatus.Invalid, r.Status));
    }
}
