using Aulario.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aulario.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountListKeysAndWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No model change: the list's key rows and word index live outside EF's model (see AccountListSql).
            foreach (var sql in AccountListSql.PostgresKeysAndWordsUp) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AccountListSql.PostgresKeysAndWordsDown) migrationBuilder.Sql(sql);
        }
    }
}
