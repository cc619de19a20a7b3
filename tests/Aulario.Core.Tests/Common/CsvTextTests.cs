using Aulario.Core.Common;

namespace Aulario.Core.Tests.Common;

public class CsvTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+54 11 5555", "'+54 11 5555")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Pérez, Ana", "\"Pérez, Ana\"")]
    [InlineData("línea\nnueva", "\"línea\nnueva\"")]
    [InlineData("aula528@inst.edu.ar", "aula528@inst.edu.ar")]
    [InlineData("", "")]
    public void Escape_NeutralisesFormulasAndQuotes(string value, string expected) => Assert.Equal(expected, CsvText.Escape(value));

    [Fact]
    public async Task WriteRow_UsesCrLfAndTheSeparator()
    {
        var sw = new StringWriter();
        await new CsvText(sw, ';').WriteRowAsync(["a;b", null, "c"]);
        Assert.Equal("\"a;b\";;c\r\n", sw.ToString());
    }
}
