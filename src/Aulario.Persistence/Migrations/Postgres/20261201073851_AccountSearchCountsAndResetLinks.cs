using System;
using Aulario.Persistence.Configurations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aulario.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountSearchCountsAndResetLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Accounts_CreatedAt",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_LastName_FirstName",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_LastSignInAt",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_Status_LastName_FirstName",
                table: "Accounts");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "AccountStatusCounts",
                columns: table => new
                {
                    PortalKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountStatusCounts", x => new { x.PortalKey, x.Status });
                });

            migrationBuilder.CreateTable(
                name: "PasswordResetLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PasswordResetLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PasswordResetLinks_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_CreatedAt_Email",
                table: "Accounts",
                columns: new[] { "CreatedAt", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_LastName_FirstName_Email",
                table: "Accounts",
                columns: new[] { "LastName", "FirstName", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_LicenseType_Email",
                table: "Accounts",
                columns: new[] { "LicenseType", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_SearchKey_trgm",
                table: "Accounts",
                column: "SearchKey")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Status_CreatedAt_Email",
                table: "Accounts",
                columns: new[] { "Status", "CreatedAt", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Status_LastName_FirstName_Email",
                table: "Accounts",
                columns: new[] { "Status", "LastName", "FirstName", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Status_LicenseType_Email",
                table: "Accounts",
                columns: new[] { "Status", "LicenseType", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_PasswordResetLinks_AccountId",
                table: "PasswordResetLinks",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_PasswordResetLinks_TokenHash",
                table: "PasswordResetLinks",
                column: "TokenHash",
                unique: true);

            // Counters, search index and expression indexes EF cannot model (see AccountListSql).
            foreach (var sql in AccountListSql.PostgresUp) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AccountListSql.PostgresDown) migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "AccountStatusCounts");

            migrationBuilder.DropTable(
                name: "PasswordResetLinks");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_CreatedAt_Email",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_LastName_FirstName_Email",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_LicenseType_Email",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_SearchKey_trgm",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_Status_CreatedAt_Email",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_Status_LastName_FirstName_Email",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_Status_LicenseType_Email",
                table: "Accounts");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_CreatedAt",
                table: "Accounts",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_LastName_FirstName",
                table: "Accounts",
                columns: new[] { "LastName", "FirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_LastSignInAt",
                table: "Accounts",
                column: "LastSignInAt");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Status_LastName_FirstName",
                table: "Accounts",
                columns: new[] { "Status", "LastName", "FirstName" });
        }
    }
}
