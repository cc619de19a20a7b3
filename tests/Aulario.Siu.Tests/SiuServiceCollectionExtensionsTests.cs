using Aulario.Core.Siu;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Siu.Tests;

public sealed class SiuServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSiuDirectory_registers_one_shared_SiuDirectory()
    {
        await using var sp = new ServiceCollection().AddSiuDirectory().AddSiuDirectory().BuildServiceProvider();

        var port = sp.GetRequiredService<ISiuDirectory>();

        Assert.IsType<SiuDirectory>(port);
        Assert.Same(port, sp.GetRequiredService<ISiuDirectory>());
        Assert.Same(port, sp.GetRequiredService<SiuDirectory>());
    }
}
