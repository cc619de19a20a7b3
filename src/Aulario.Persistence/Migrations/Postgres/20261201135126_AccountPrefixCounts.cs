using Aulario.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aulario.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountPrefixCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No model change: the prefix counters live outside EF's model (see AccountListSql).
            foreach (var sql in AccountListSql.PostgresPrefixCountsUp) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AccountListSql.PostgresPrefixCountsDown) migrationBuilder.Sql(sql);
        }
    }
}
