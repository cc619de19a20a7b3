using Aulario.Core.Siu;
using Aulario.Siu.Tests.Support;

namespace Aulario.Siu.Tests.Postgres;

public sealed class PostgresSearchTests : IAsyncLifetime
{
    private SiuPostgresDatabase _db = null!;
    private readonly SiuDirectory _siu = new();

    public async Task InitializeAsync() => _db = await SiuPostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _siu.DisposeAsync();

    [Theory]
    [InlineData("zoom", new[] { 20, 21 })]      // name, any case
    [InlineData("a101", new[] { 10 })]          // code
    [InlineData("2222", new[] { 21 })]          // link
    [InlineData("20", new[] { 20 })]            // exact key
    [InlineData("%", new int[0])]               // LIKE wildcards are literal
    [InlineData("_", new int[0])]
    [InlineData(null, new[] { 10, 20, 21 })]    // no query: all, by name
    public async Task Search_matches_name_code_link_or_key(string? query, int[] expected)
    {
        var result = await _siu.SearchSpacesAsync(_db.Target(), query, 50);

        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(expected, result.Value.Select(s => s.Id).Order().ToArray());
    }

    [Fact]
    public async Task Search_honours_the_limit_and_orders_by_name()
    {
        var result = await _siu.SearchSpacesAsync(_db.Target(), null, 2);

        Assert.Equal(["Aula 101", "Zoom 01 - cuenta01@example.edu.ar"], result.Value.Select(s => s.Name));
    }

    [Fact]
    public async Task Get_reads_the_space_and_a_missing_one_is_SpaceNotFound()
    {
        var found = await _siu.GetSpaceAsync(_db.Target(), 10);
        var missing = await _siu.GetSpaceAsync(_db.Target(), 11);

        Assert.Equal(new SiuSpace(10, "Aula 101", "A101", null), found.Value);
        Assert.Equal(SiuErrorCodes.SpaceNotFound, Assert.Single(missing.Errors).Code);
    }
}
