using Aulario.Core.Secrets;
using Microsoft.AspNetCore.DataProtection;

namespace Aulario.Persistence;

/// <summary>Encrypts secrets at rest with ASP.NET Data Protection; the keys live in the database, so every instance and restart reads them.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Aulario.Secrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);
    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
