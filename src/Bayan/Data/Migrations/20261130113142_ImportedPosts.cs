using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bayan.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportedPosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportedPosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PostGuid = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportedPosts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportedPosts_Source_PostGuid",
                table: "ImportedPosts",
                columns: new[] { "Source", "PostGuid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportedPosts_StatementId",
                table: "ImportedPosts",
                column: "StatementId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportedPosts");
        }
    }
}
