using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Aulario.Persistence;

/// <summary>Used by `dotnet ef migrations add … --context SqliteAularioDbContext` (see README.md in this folder).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAularioDbContext>
{
    public SqliteAularioDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAularioDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Used by `dotnet ef migrations add … --context PostgresAularioDbContext`; no server is contacted.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAularioDbContext>
{
    public PostgresAularioDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAularioDbContext>().UseNpgsql("Host=localhost;Database=aulario_design").Options);
}
