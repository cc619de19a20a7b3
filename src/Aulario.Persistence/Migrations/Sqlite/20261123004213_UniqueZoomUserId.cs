using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aulario.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UniqueZoomUserId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Accounts_ZoomUserId",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_ZoomUserId",
                table: "Accounts",
                column: "ZoomUserId",
                unique: true,
                filter: "\"ZoomUserId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Accounts_ZoomUserId",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_ZoomUserId",
                table: "Accounts",
                column: "ZoomUserId");
        }
    }
}
