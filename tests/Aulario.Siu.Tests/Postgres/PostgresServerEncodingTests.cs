using Aulario.Core.Siu;
using Aulario.Siu.Tests.Support;

namespace Aulario.Siu.Tests.Postgres;

/// <summary>When the pre-check does not apply (a WIN1252 server), the server's 22P05 still comes back as NotLatin1 naming the field.</summary>
public sealed class PostgresServerEncodingTests : IAsyncLifetime
{
    private SiuPostgresDatabase _db = null!;
    private readonly SiuDirectory _siu = new();

    public async Task InitializeAsync() => _db = await SiuPostgresDatabase.CreateWin1252Async();

    public async Task DisposeAsync() => await _siu.DisposeAsync();

    [Fact]
    public async Task Server_rejection_22P05_is_NotLatin1_naming_the_field_and_rolls_back()
    {
        var before = await _db.RowAsync(21);

        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(21, "https://zoom.example/j/1", "Zoom 02 🎓", "ZOOM10"));

        Assert.Equal("WIN1252", (await _siu.TestConnectionAsync(_db.Target())).Value.ServerEncoding);
        var error = Assert.Single(result.Errors);
        Assert.Equal(SiuErrorCodes.NotLatin1, error.Code);
        Assert.Equal("nombre", error.Field);
        Assert.Equal(before, await _db.RowAsync(21));
        Assert.Equal(0, await _db.AuditRowsAsync(21));
    }
}
