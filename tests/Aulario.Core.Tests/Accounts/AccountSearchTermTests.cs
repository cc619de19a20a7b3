using Aulario.Core.Accounts;

namespace Aulario.Core.Tests.Accounts;

public sealed class AccountSearchTermTests
{
    [Theory]
    [InlineData("  ", null)]
    [InlineData("Ro", AccountSearchKind.WordPrefix)]
    [InlineData("é", AccountSearchKind.WordPrefix)]
    [InlineData("40", AccountSearchKind.WordPrefix)]
    [InlineData("_", AccountSearchKind.Substring)]   // punctuation keeps the substring meaning
    [InlineData("@x", AccountSearchKind.Substring)]
    [InlineData("rez", AccountSearchKind.Substring)]
    public void Parse_ChoosesTheMeaningByLengthAndCharacters(string search, AccountSearchKind? kind) =>
        Assert.Equal(kind, AccountSearchTerm.Parse(search)?.Kind);

    [Theory]
    [InlineData("ro", "rosa@inst.edu.ar rosa díaz", true)]
    [InlineData("ro", "ana@inst.edu.ar ana romero", true)]
    [InlineData("ro", "ana@inst.edu.ar ana barro", false)]        // inside a word, not at its start
    [InlineData("ed", "ana@inst.edu.ar ana paz", true)]            // "edu": the dot separates words
    [InlineData("ne", "x@inst.edu.ar raro o\"neil", true)]
    [InlineData("RRO", "ana@inst.edu.ar ana barro", true)]         // 3 characters: anywhere
    [InlineData("a 4", "aula4@inst.edu.ar aula 4", true)]
    [InlineData("PÉREZ", "ana@inst.edu.ar ana perez", true)]       // keys are stored folded; terms are folded alike
    [InlineData("pé", "ana@inst.edu.ar ana perez", true)]
    public void Matches_AsTheEnginesDo(string search, string key, bool matches) =>
        Assert.Equal(matches, AccountSearchTerm.Parse(search)!.Matches(key));

    [Theory]
    [InlineData("Núñez PÉREZ", "nunez perez")]
    [InlineData("Pe\u0301rez", "perez")]                 // a separate accent mark, composed first
    [InlineData("François Müller Lopes Gonçalves", "francois muller lopes goncalves")]
    [InlineData("Øyvind Łukasz", "øyvind łukasz")]         // letters outside the table keep their form
    [InlineData("ana@inst.edu.ar", "ana@inst.edu.ar")]
    public void Fold_LowersAndRemovesAccents(string text, string folded) =>
        Assert.Equal(folded, AccountSearchTerm.Fold(text));

    [Fact]
    public void RefreshSearchKey_StoresTheFoldedEmailAndNames()
    {
        var account = new Account { Email = "lu@inst.edu.ar", FirstName = "Lucía", LastName = "Núñez" };
        account.RefreshSearchKey();
        Assert.Equal("lu@inst.edu.ar lucia nunez", account.SearchKey);
    }
}
