using Aulario.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aulario.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountKeySortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No model change: the key rows' sort indexes live outside EF's model (see AccountListSql).
            foreach (var sql in AccountListSql.SqliteKeySortIndexesUp) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AccountListSql.SqliteKeySortIndexesDown) migrationBuilder.Sql(sql);
        }
    }
}
