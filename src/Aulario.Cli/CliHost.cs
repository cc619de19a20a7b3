using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aulario.Cli;

/// <summary>
/// The CLI's composition root for commands that work on the database directly (bootstrap and operations:
/// first admin, migrations). Everything else goes through the REST API with a token.
/// Configuration: environment variables as the web host reads them (ConnectionStrings__Aulario, Aulario__DataDirectory).
/// </summary>
internal static class CliHost
{
    public static ServiceProvider Build(string? dataDirectory)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var dir = dataDirectory ?? configuration["Aulario:DataDirectory"] ?? DefaultDataDirectory();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddAularioPersistence(configuration, dir);
        services.AddIdentityCore<AppUser>(AularioIdentityOptions.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AularioDbContext>()
            .AddPasswordValidator<AularioPasswordValidator>(); // the same password rules as the web host
        return services.BuildServiceProvider();
    }

    /// <summary>The web host's default data folder when run from the repository root, else ./.data.</summary>
    private static string DefaultDataDirectory()
    {
        var web = Path.Combine(Directory.GetCurrentDirectory(), "src", "Aulario.Web", ".data");
        return Directory.Exists(Path.GetDirectoryName(web)) ? web : Path.Combine(Directory.GetCurrentDirectory(), ".data");
    }
}
