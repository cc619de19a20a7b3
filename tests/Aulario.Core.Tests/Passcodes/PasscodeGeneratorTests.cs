using Aulario.Core.Conferencing;
using Aulario.Core.Passcodes;

namespace Aulario.Core.Tests.Passcodes;

public class PasscodeGeneratorTests
{
    public static TheoryData<PasscodeRequirement> Rules() =>
    [
        new PasscodeRequirement(),
        new PasscodeRequirement(MinLength: 10, HaveLetter: true, HaveNumber: true, HaveSpecialCharacter: true, HaveUpperAndLowerCharacters: true, ConsecutiveCharactersLength: 3),
        new PasscodeRequirement(MinLength: 6, OnlyAllowNumeric: true),
        new PasscodeRequirement(MinLength: 8, HaveSpecialCharacter: true),
    ];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Generate_ObeysZoomRulesAndTheAccountRequirement(PasscodeRequirement rule)
    {
        for (var i = 0; i < 200; i++)
        {
            var passcode = PasscodeGenerator.Generate(rule);
            Assert.Null(PasscodeGenerator.Validate(passcode, rule));
            Assert.InRange(passcode.Length, Math.Max(rule.MinLength, 1), PasscodeGenerator.MaxLength);
            Assert.All(passcode, c => Assert.Contains(c, PasscodeGenerator.Allowed));
        }
    }

    [Fact]
    public void Generate_IsNotRepeated()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => PasscodeGenerator.Generate(new PasscodeRequirement())).ToHashSet();
        Assert.Equal(500, codes.Count);
    }

    [Theory]
    [InlineData("Aula1234", null)]
    [InlineData("", "passcode.required")]
    [InlineData("12345678901", "passcode.too-long")]
    [InlineData("clave ñ", "passcode.invalid-chars")]
    [InlineData("abc#1", "passcode.invalid-chars")]
    public void Validate_AppliesZoomsCharacterRules(string passcode, string? code) =>
        Assert.Equal(code, PasscodeGenerator.Validate(passcode, new PasscodeRequirement())?.Code);

    [Theory]
    [InlineData("abcdefgh", "passcode.need-number")]
    [InlineData("abcd1357", "passcode.need-special")]
    [InlineData("abcd13_x", "passcode.need-case")]
    [InlineData("Ab1_1234", "passcode.consecutive")]
    public void Validate_AppliesTheAccountRequirement(string passcode, string code)
    {
        var rule = new PasscodeRequirement(MinLength: 8, HaveLetter: true, HaveNumber: true, HaveSpecialCharacter: true,
            HaveUpperAndLowerCharacters: true, ConsecutiveCharactersLength: 4);
        Assert.Equal(code, PasscodeGenerator.Validate(passcode, rule)?.Code);
    }
}
