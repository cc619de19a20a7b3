using Aulario.Core.Common;
using Aulario.Core.Siu;
using Aulario.Siu.Engine;
using Aulario.Siu.Naming;
using Aulario.Siu.Postgres;
using Aulario.Siu.Sqlite;

namespace Aulario.Siu;

/// <summary>
/// <see cref="ISiuDirectory"/> over SIU-Guaraní's database: PostgreSQL (Npgsql, one data source per connection string)
/// or the SQLite demo SIU (<see cref="DemoSiu"/>). Configured names are validated and quoted; values are parameters only.
/// </summary>
public sealed class SiuDirectory : ISiuDirectory, IAsyncDisposable
{
    private readonly PostgresDataSources _dataSources = new();
    private readonly SiuSqlDirectory _postgres;
    private readonly SiuSqlDirectory _sqlite = new(new SqliteSiuDialect());

    public SiuDirectory() => _postgres = new SiuSqlDirectory(new PostgresSiuDialect(_dataSources));

    public Task<Result<SiuConnectionReport>> TestConnectionAsync(SiuTarget target, CancellationToken ct = default) =>
        Dispatch(target, (engine, names) => engine.TestConnectionAsync(target, names, ct));

    public Task<Result<IReadOnlyList<SiuSpace>>> SearchSpacesAsync(SiuTarget target, string? query, int limit, CancellationToken ct = default) =>
        Dispatch(target, (engine, names) => engine.SearchSpacesAsync(target, names, query, limit, ct));

    public Task<Result<SiuSpace>> GetSpaceAsync(SiuTarget target, int spaceId, CancellationToken ct = default) =>
        Dispatch(target, (engine, names) => engine.GetSpaceAsync(target, names, spaceId, ct));

    public Task<Result<SiuUpdateOutcome>> UpdateSpaceAsync(SiuTarget target, SiuSpaceUpdate update, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Dispatch(target, (engine, names) => engine.UpdateSpaceAsync(target, names, update, ct));
    }

    public ValueTask DisposeAsync() => _dataSources.DisposeAsync();

    private async Task<Result<T>> Dispatch<T>(SiuTarget target, Func<SiuSqlDirectory, SiuSqlNames, Task<Result<T>>> run)
    {
        ArgumentNullException.ThrowIfNull(target);
        var names = SiuSqlNames.From(target.Names);
        if (!names.IsSuccess) return Result<T>.Fail(names.Errors);
        SiuSqlDirectory? engine = target.Provider switch
        {
            SiuProvider.PostgreSql => _postgres,
            SiuProvider.Sqlite => _sqlite,
            _ => null,
        };
        if (engine is null)
            return Error.Validation(SiuAdapterErrorCodes.UnknownProvider, "El motor de base de datos configurado para SIU no es válido.");
        if (string.IsNullOrWhiteSpace(target.ConnectionString))
            return Error.Validation(SiuErrorCodes.ConnectionFailed, "Falta la cadena de conexión a SIU.");
        return await run(engine, names.Value);
    }
}
