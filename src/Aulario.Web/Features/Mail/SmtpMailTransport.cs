using System.ComponentModel.DataAnnotations;
using Aulario.Core.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Aulario.Web.Features.Mail;

/// <summary>Section "Smtp". Without a host, Aulario keeps mail in its outbox and shows it on the demo mailbox page.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    [Range(1, 65535)]
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Aulario <no-reply@localhost>";
    /// <summary>None, StartTls (default) or SslOnConnect.</summary>
    public string Security { get; set; } = "StartTls";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
            yield return new ValidationResult($"Smtp:From «{From}» no es una dirección de correo válida.", [nameof(From)]);
        if (Security is not ("None" or "StartTls" or "SslOnConnect"))
            yield return new ValidationResult("Smtp:Security debe ser None, StartTls o SslOnConnect.", [nameof(Security)]);
        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
            yield return new ValidationResult("Smtp:Password es obligatoria cuando se configura Smtp:UserName.", [nameof(Password)]);
    }
}

/// <summary>Sends outbox mail over SMTP with MailKit (a real SMTP conversation).</summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(OutboxMail mail, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new BodyBuilder { HtmlBody = mail.HtmlBody, TextBody = mail.TextBody }.ToMessageBody();
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        var security = o.Security switch
        {
            "None" => SecureSocketOptions.None,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(o.Host!, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Demo mode without SMTP: the mail is "delivered" to the outbox itself, readable on the demo mailbox page.</summary>
public sealed class DemoMailTransport : IMailTransport
{
    public Task SendAsync(OutboxMail mail, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Sends due outbox mail in the background.</summary>
public sealed class OutboxBackgroundService(IServiceScopeFactory scopes, IOptions<SmtpOptions> options, TimeProvider time, ILogger<OutboxBackgroundService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(50, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "The mail outbox could not be processed; retrying.");
            }
            try { await Task.Delay(options.Value.PollInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

public static class MailExtensions
{
    public static WebApplicationBuilder AddAularioMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var configured = !string.IsNullOrWhiteSpace(builder.Configuration[$"{SmtpOptions.Section}:Host"]);
        if (configured) builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
        else builder.Services.AddSingleton<IMailTransport, DemoMailTransport>();
        builder.Services.AddHostedService<OutboxBackgroundService>();
        return builder;
    }
}
