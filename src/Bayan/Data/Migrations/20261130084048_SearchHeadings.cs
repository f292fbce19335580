using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bayan.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchHeadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Titles and summaries again, in an index of their own: when a word is in a large share of the archive, search
            // scores only the matches in headings, and scoring them here does not walk the word's list through every body.
            // Filled by the next re-index, which the site runs at start when this table is empty (SqliteSearchIndex.IsEmptyAsync).
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE SearchHeadings USING fts5(title, summary, variants, " +
                "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE SearchHeadings;");
        }
    }
}
