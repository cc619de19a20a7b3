using Npgsql;

namespace Aulario.Siu.Postgres;

/// <summary>One <see cref="NpgsqlDataSource"/> (and so one connection pool) per SIU connection string, for the life of the app.</summary>
internal sealed class PostgresDataSources : IAsyncDisposable
{
    private readonly Dictionary<string, NpgsqlDataSource> _sources = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <exception cref="ArgumentException">The connection string is not valid.</exception>
    public NpgsqlDataSource Get(string connectionString)
    {
        lock (_gate)
        {
            if (_sources.TryGetValue(connectionString, out var source)) return source;
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "Aulario";
            source = NpgsqlDataSource.Create(builder);
            _sources.Add(connectionString, source);
            return source;
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlDataSource[] sources;
        lock (_gate)
        {
            sources = [.. _sources.Values];
            _sources.Clear();
        }
        foreach (var source in sources) await source.DisposeAsync();
    }
}
