namespace Aulario.Core.Secrets;

/// <summary>Encrypts secrets kept at rest (account passwords, passcodes, SIU connection strings).</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);
    string Unprotect(string protectedText);
}
