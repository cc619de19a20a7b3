using Aulario.Core.Secrets;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Persistence.Tests;

public class DataProtectionTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task DataProtectionKeys_SurviveARestart(DatabaseProvider engine)
    {
        await using var first = await TestDatabase.CreateAsync(engine);
        var protectedText = first.Services.GetRequiredService<ISecretProtector>().Protect("contraseña-de-aula");
        Assert.DoesNotContain("contraseña", protectedText);

        // A second service provider on the same database is a restart, or another instance.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Aulario"] = first.ConnectionString, ["Database:Provider"] = engine.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAularioPersistence(configuration, Path.GetTempPath());
        services.AddAularioDataProtection();
        await using var second = services.BuildServiceProvider();
        Assert.Equal("contraseña-de-aula", second.GetRequiredService<ISecretProtector>().Unprotect(protectedText));

        await using var scope = second.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<AularioDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        var key = Assert.Single(keys);
        Assert.Contains("<key ", key);
    }
}
