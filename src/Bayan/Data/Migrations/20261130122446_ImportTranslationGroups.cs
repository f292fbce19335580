using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bayan.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportTranslationGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "ImportedPosts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TranslationGroup",
                table: "ImportedPosts",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportedPosts_Source_PostId",
                table: "ImportedPosts",
                columns: new[] { "Source", "PostId" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportedPosts_Source_TranslationGroup",
                table: "ImportedPosts",
                columns: new[] { "Source", "TranslationGroup" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportedPosts_Source_PostId",
                table: "ImportedPosts");

            migrationBuilder.DropIndex(
                name: "IX_ImportedPosts_Source_TranslationGroup",
                table: "ImportedPosts");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "ImportedPosts");

            migrationBuilder.DropColumn(
                name: "TranslationGroup",
                table: "ImportedPosts");
        }
    }
}
