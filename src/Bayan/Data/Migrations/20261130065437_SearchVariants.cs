using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bayan.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchVariants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The last column holds every extra form of a word readers may type (ZWNJ words joined, Arabic words without
            // their article), not only joined words: renamed, which FTS5 can only do by building the table again. The
            // site finds the index empty at its next start and rebuilds it.
            migrationBuilder.Sql("DROP TABLE SearchEntries;");
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE SearchEntries USING fts5(title, summary, body, attachments, variants, " +
                "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE SearchEntries;");
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE SearchEntries USING fts5(title, summary, body, attachments, joined, " +
                "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');");
        }
    }
}
