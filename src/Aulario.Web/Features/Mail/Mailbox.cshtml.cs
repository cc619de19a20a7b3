using System.Text.RegularExpressions;
using Aulario.Core.Common;
using Aulario.Core.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Mail;

/// <summary>/demo/correo: without SMTP (demo mode), the mail Aulario "sent" is read here, newest first, with its link.
/// When SMTP is configured the page does not exist: mail goes to real mailboxes and its links stay private.</summary>
public sealed partial class MailboxModel(IAularioDb db, IOptions<SmtpOptions> smtp) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<OutboxMail> Mails { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (smtp.Value.Configured) return NotFound();
        // Ordered in memory: SQLite cannot ORDER BY a DateTimeOffset column; the outbox of a demo is small.
        var mails = await db.OutboxMails.AsNoTracking().ToListAsync(ct);
        Mails = mails.OrderByDescending(m => m.CreatedAt).Take(Shown).ToList();
        return Page();
    }

    /// <summary>The first http(s) link of the mail's text (the action it asks for).</summary>
    public static string? LinkOf(OutboxMail mail) => Link().Match(mail.TextBody) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
