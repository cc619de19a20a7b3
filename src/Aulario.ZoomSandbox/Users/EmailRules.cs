using System.Net.Mail;

namespace Aulario.ZoomSandbox.Users;

/// <summary>Zoom's email check: a plain address of at most 128 characters with a dotted domain.</summary>
internal static class EmailRules
{
    public static bool IsValid(string? email) =>
        email is { Length: > 0 and <= 128 }
        && MailAddress.TryCreate(email, out var a) && a.Address == email
        && email.IndexOf('@', StringComparison.Ordinal) is var at && at > 0
        && email[(at + 1)..].Contains('.', StringComparison.Ordinal)
        && !email.Any(char.IsWhiteSpace);

    public static string Domain(string email) => email[(email.LastIndexOf('@') + 1)..];
}
