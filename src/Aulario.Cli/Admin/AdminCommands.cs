using System.CommandLine;
using Aulario.Core.Audit;
using Aulario.Core.Secrets;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Cli.Admin;

/// <summary>`aulario admin create`: creates an institution administrator, or with `--portal CODE` (repeatable) a portal
/// administrator of those portals. There is no default password: the password is read from standard input (--password-stdin)
/// or generated and shown once.
/// `aulario admin reset-two-factor`: turns off a user's two-step verification (lost phone and recovery codes).</summary>
internal static class AdminCommands
{
    public static Command Build(Option<string?> dataDir)
    {
        var email = new Option<string>("--email") { Description = "Correo del administrador (su usuario)", Required = true };
        var name = new Option<string?>("--name") { Description = "Nombre para mostrar" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Leer la contraseña de la entrada estándar" };
        var portals = new Option<string[]>("--portal")
        {
            Description = "Código de un portal (se puede repetir): crea un administrador de esos portales en vez de uno de la institución",
            AllowMultipleArgumentsPerToken = true,
        };
        var create = new Command("create", "Crea un administrador de la institución, o de portales con --portal") { email, name, passwordStdin, portals };
        create.SetAction(async (parse, ct) =>
        {
            var password = parse.GetValue(passwordStdin) ? (Console.In.ReadLine() ?? "").TrimEnd('\r', '\n') : SecretGenerator.Password(20);
            await using var sp = CliHost.Build(parse.GetValue(dataDir));
            await sp.MigrateAularioDatabaseAsync(ct);
            await using var scope = sp.CreateAsyncScope();
            var outcome = await CreateAdminAsync(scope.ServiceProvider, parse.GetValue(email)!, parse.GetValue(name), password, ct,
                parse.GetValue(portals) ?? []);
            if (outcome is not null)
            {
                Console.Error.WriteLine(outcome);
                return 2;
            }
            Console.WriteLine(parse.GetValue(portals) is { Length: > 0 } codes
                ? $"Administrador de portal creado: {parse.GetValue(email)} ({string.Join(", ", codes.Select(c => c.ToUpperInvariant()))})"
                : $"Administrador creado: {parse.GetValue(email)}");
            if (!parse.GetValue(passwordStdin))
                Console.WriteLine($"Contraseña (se muestra una sola vez; cámbiela al ingresar): {password}");
            return 0;
        });
        var resetEmail = new Option<string>("--email") { Description = "Correo del usuario", Required = true };
        var reset = new Command("reset-two-factor",
            "Desactiva la verificación en dos pasos de un usuario que perdió el teléfono y sus códigos de recuperación") { resetEmail };
        reset.SetAction(async (parse, ct) =>
        {
            await using var sp = CliHost.Build(parse.GetValue(dataDir));
            await using var scope = sp.CreateAsyncScope();
            var outcome = await ResetTwoFactorAsync(scope.ServiceProvider, parse.GetValue(resetEmail)!, ct);
            if (outcome is not null)
            {
                Console.Error.WriteLine(outcome);
                return 2;
            }
            Console.WriteLine($"Verificación en dos pasos desactivada para {parse.GetValue(resetEmail)}: la próxima vez ingresa solo con la contraseña" +
                " (si se exige a los administradores, deberá activarla de nuevo al ingresar).");
            return 0;
        });
        return new Command("admin", "Administradores de Aulario") { create, reset };
    }

    /// <summary>Returns null on success, or a message for the operator. With <paramref name="portalCodes"/>: a portal admin of those portals.</summary>
    internal static async Task<string?> CreateAdminAsync(IServiceProvider sp, string email, string? name, string password, CancellationToken ct,
        IReadOnlyCollection<string>? portalCodes = null)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        var db = sp.GetRequiredService<AularioDbContext>();
        var codes = (portalCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        var portals = await db.Portals.Where(p => codes.Contains(p.Code)).Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        if (codes.Except(portals.Select(p => p.Code)).FirstOrDefault() is { } unknown)
            return $"No existe el portal {unknown}.";
        var role = codes.Count > 0 ? AularioRoles.PortalAdmin : AularioRoles.InstitutionAdmin;
        if (!await roles.RoleExistsAsync(role))
            await roles.CreateAsync(new IdentityRole(role));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = name };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return "No se pudo crear el administrador: " + string.Join(" ", created.Errors.Select(e => e.Description));
        await users.AddToRoleAsync(user, role);
        foreach (var p in portals) db.AdminPortals.Add(new AdminPortal { UserId = user.Id, PortalId = p.Id });
        sp.GetRequiredService<IAuditLog>().Record(new Actor("cli"), "admin.created", $"user:{user.Email}",
            after: new { user.Email, Role = role, Portals = portals.Select(p => p.Code).Order(StringComparer.Ordinal).ToList() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Turns two-step verification off, removes the authenticator key and recovery codes, clears a lockout; audited.
    /// Returns null on success, or a message for the operator.</summary>
    internal static async Task<string?> ResetTwoFactorAsync(IServiceProvider sp, string email, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null) return $"No hay un usuario con el correo {email.Trim()}.";
        if (!user.TwoFactorEnabled) return $"{user.Email} no tiene activada la verificación en dos pasos.";
        var db = sp.GetRequiredService<AularioDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var name in new[] { AularioUserStore.AuthenticatorKeyTokenName, AularioUserStore.RecoveryCodeTokenName })
            await users.RemoveAuthenticationTokenAsync(user, AularioUserStore.InternalLoginProvider, name);
        var off = await users.SetTwoFactorEnabledAsync(user, false); // new security stamp: remembered browsers are forgotten
        if (!off.Succeeded) return "No se pudo desactivar: " + string.Join(" ", off.Errors.Select(e => e.Description));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        sp.GetRequiredService<IAuditLog>().Record(new Actor("cli"), "user.two-factor-reset", $"user:{user.Email}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }
}
