using Aulario.Core.Secrets;

namespace Aulario.Core.Tests.Secrets;

public class SecretGeneratorTests
{
    [Fact]
    public void Password_MeetsZoomsDefaultComplexityAndIsUnique()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            var p = SecretGenerator.Password();
            Assert.Equal(16, p.Length);
            Assert.Contains(p, char.IsAsciiLetterLower);
            Assert.Contains(p, char.IsAsciiLetterUpper);
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.False(SecretGenerator.HasRun(p, 3));
            Assert.True(seen.Add(p));
        }
    }

    [Theory]
    [InlineData("abc", 3, true)]
    [InlineData("x321y", 3, true)]
    [InlineData("aaa", 3, true)]
    [InlineData("abd", 3, false)]
    [InlineData("Aula1234", 4, true)]
    public void HasRun_FindsSequencesAndRepeats(string text, int run, bool expected) =>
        Assert.Equal(expected, SecretGenerator.HasRun(text, run));

    [Fact]
    public void Token_Is256BitsUrlSafe()
    {
        var t = SecretGenerator.Token();
        Assert.Equal(43, t.Length);
        Assert.DoesNotContain('+', t);
        Assert.DoesNotContain('/', t);
        Assert.NotEqual(t, SecretGenerator.Token());
    }
}
