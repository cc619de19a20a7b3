using Aulario.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aulario.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountSearchKeysWithoutAccents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No model change: the stored search keys lose their accents, as new keys do (AccountSearchTerm.Fold).
            foreach (var sql in AccountListSql.PostgresFoldKeysUp) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The accents cannot be restored; the folded keys work with the earlier code (see AccountListSql.FoldedAccentedLetters).
        }
    }
}
