using Aulario.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aulario.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountWordFacets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No model change: the word index and the key rows live outside EF's model (see AccountListSql).
            foreach (var sql in AccountListSql.SqliteWordFacetsUp) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AccountListSql.SqliteWordFacetsDown) migrationBuilder.Sql(sql);
        }
    }
}
