using Aulario.Core.Siu;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aulario.Siu;

public static class SiuServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SiuDirectory"/> as the singleton <see cref="ISiuDirectory"/> (it caches one data source per SIU).</summary>
    public static IServiceCollection AddSiuDirectory(this IServiceCollection services)
    {
        services.TryAddSingleton<SiuDirectory>();
        services.TryAddSingleton<ISiuDirectory>(sp => sp.GetRequiredService<SiuDirectory>());
        return services;
    }
}
