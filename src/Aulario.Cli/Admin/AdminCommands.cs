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
/// or generated and shown once.</summary>
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
        return new Command("admin", "Administradores de Aulario") { create };
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
}
