using Aulario.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Web.Features.Setup;

/// <summary>
/// At start (after the database is migrated), when there is no user at all, opens the <see cref="SetupGate"/> and logs the
/// one-time link /setup?token=… once, at Warning level. There is never a default password.
/// </summary>
public sealed partial class SetupTokenIssuer(IServiceScopeFactory scopes, SetupGate gate, IServer server, IHostApplicationLifetime lifetime,
    ILogger<SetupTokenIssuer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.Users.AnyAsync(cancellationToken)) return;
        var token = gate.Open();
        // Logged when the server is listening, so the link has the real address.
        lifetime.ApplicationStarted.Register(() => LogSetupLink(BaseAddress() + "/setup?token=" + token));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string BaseAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? "" : address.TrimEnd('/');
    }

    [LoggerMessage(EventId = 1001, EventName = "SetupLink", Level = LogLevel.Warning,
        Message = "Primer inicio: no hay administradores. Cree el primero en {SetupUrl} (el enlace sirve una sola vez y no se vuelve a mostrar).")]
    private partial void LogSetupLink(string setupUrl);
}

public static class SetupExtensions
{
    public static WebApplicationBuilder AddFirstAdminSetup(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SetupGate>();
        builder.Services.AddScoped<CreateFirstAdmin>();
        builder.Services.AddHostedService<SetupTokenIssuer>();
        return builder;
    }
}
