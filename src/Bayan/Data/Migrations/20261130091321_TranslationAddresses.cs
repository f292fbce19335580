using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bayan.Data.Migrations
{
    /// <inheritdoc />
    public partial class TranslationAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Translations_Addresses",
                table: "Translations",
                columns: new[] { "StatementId", "Language", "IsPublished", "Slug" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Translations_Addresses",
                table: "Translations");
        }
    }
}
