using System.CommandLine;
using Aulario.Core.Audit;
using Aulario.Core.Secrets;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Cli.Admin;

/// <summary>`aulario admin create`: creates an institution administrator. There is no default password:
/// the password is read from standard input (--password-stdin) or generated and shown once.</summary>
internal static class AdminCommands
{
    public static Command Build(Option<string?> dataDir)
    {
        var email = new Option<string>("--email") { Description = "Correo del administrador (su usuario)", Required = true };
        var name = new Option<string?>("--name") { Description = "Nombre para mostrar" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Leer la contraseña de la entrada estándar" };
        var create = new Command("create", "Crea un administrador de la institución") { email, name, passwordStdin };
        create.SetAction(async (parse, ct) =>
        {
            var password = parse.GetValue(passwordStdin) ? (Console.In.ReadLine() ?? "").TrimEnd('\r', '\n') : SecretGenerator.Password(20);
            await using var sp = CliHost.Build(parse.GetValue(dataDir));
            await sp.MigrateAularioDatabaseAsync(ct);
            await using var scope = sp.CreateAsyncScope();
            var outcome = await CreateAdminAsync(scope.ServiceProvider, parse.GetValue(email)!, parse.GetValue(name), password, ct);
            if (outcome is not null)
            {
                Console.Error.WriteLine(outcome);
                return 2;
            }
            Console.WriteLine($"Administrador creado: {parse.GetValue(email)}");
            if (!parse.GetValue(passwordStdin))
                Console.WriteLine($"Contraseña (se muestra una sola vez; cámbiela al ingresar): {password}");
            return 0;
        });
        return new Command("admin", "Administradores de Aulario") { create };
    }

    /// <summary>Returns null on success, or a message for the operator.</summary>
    internal static async Task<string?> CreateAdminAsync(IServiceProvider sp, string email, string? name, string password, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(AularioRoles.InstitutionAdmin))
            await roles.CreateAsync(new IdentityRole(AularioRoles.InstitutionAdmin));
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = name };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return "No se pudo crear el administrador: " + string.Join(" ", created.Errors.Select(e => e.Description));
        await users.AddToRoleAsync(user, AularioRoles.InstitutionAdmin);
        var db = sp.GetRequiredService<AularioDbContext>();
        sp.GetRequiredService<IAuditLog>().Record(new Actor("cli"), "admin.created", $"user:{user.Email}", after: new { user.Email, Role = AularioRoles.InstitutionAdmin });
        await db.SaveChangesAsync(ct);
        return null;
    }
}
