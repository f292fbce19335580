using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bayan.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One row per published translation (rowid = the translation's id), holding normalized text
            // (Bayan.Core.Text.SearchText); the porter tokenizer stems English words. See Search/SqliteSearchIndex.cs.
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE SearchEntries USING fts5(title, summary, body, attachments, joined, " +
                "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE SearchEntries;");
        }
    }
}
