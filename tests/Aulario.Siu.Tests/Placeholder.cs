namespace Aulario.Siu.Tests; public class Placeholder { [Fact] public void Builds() => Assert.True(1 + 1 == 2); }
