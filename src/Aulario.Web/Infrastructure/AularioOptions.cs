using System.ComponentModel.DataAnnotations;

namespace Aulario.Web.Infrastructure;

/// <summary>Section "Aulario": where this instance keeps its files.</summary>
public sealed class AularioOptions
{
    public const string Section = "Aulario";

    /// <summary>Folder for the SQLite file (relative paths are under the content root).</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";

    public string ResolveDataDirectory(string contentRoot) =>
        Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));
}

/// <summary>Section "Database": start-up behaviour of the schema.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply PostgreSQL migrations at start. Off by default: production runs `aulario db migrate` explicitly.
    /// SQLite (the embedded default) always migrates at start.</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>SQLite only: each connection's page cache in MiB (applied by Aulario.Persistence; checked there at start).</summary>
    [Range(2, 4096)]
    public int SqliteCacheSizeMiB { get; set; } = 64;
}

/// <summary>Section "ReverseProxy": trust X-Forwarded-For/Proto from these proxies.</summary>
public sealed class ReverseProxyOptions : IValidatableObject
{
    public const string Section = "ReverseProxy";

    public bool Enabled { get; set; }

    /// <summary>IP addresses of the proxies in front of Aulario (empty = loopback only).</summary>
    public List<string> KnownProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
                yield return new ValidationResult($"ReverseProxy:KnownProxies contains '{proxy}', which is not an IP address.", [nameof(KnownProxies)]);
        }
    }
}

public static class OptionsExtensions
{
    /// <summary>Binds and validates at start the host's own option sections; registers the clock.</summary>
    public static WebApplicationBuilder AddAularioOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AularioOptions>().BindConfiguration(AularioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
