using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bayan.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuotedSeriesNumberFilter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Statements_SeriesNumber_Unique",
                table: "Statements");

            migrationBuilder.CreateIndex(
                name: "IX_Statements_SeriesNumber_Unique",
                table: "Statements",
                columns: new[] { "SeriesId", "SeriesNumber" },
                unique: true,
                filter: "\"SeriesNumber\" IS NOT NULL AND \"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Statements_SeriesNumber_Unique",
                table: "Statements");

            migrationBuilder.CreateIndex(
                name: "IX_Statements_SeriesNumber_Unique",
                table: "Statements",
                columns: new[] { "SeriesId", "SeriesNumber" },
                unique: true,
                filter: "SeriesNumber IS NOT NULL AND DeletedAt IS NULL");
        }
    }
}
