using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bayan.Data.Migrations
{
    /// <inheritdoc />
    public partial class AttachmentPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PageCount",
                table: "Attachments",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PageCount",
                table: "Attachments");
        }
    }
}
