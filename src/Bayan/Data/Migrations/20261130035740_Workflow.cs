using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bayan.Data.Migrations
{
    /// <inheritdoc />
    public partial class Workflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsOutOfDate",
                table: "Translations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsPublished",
                table: "Translations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ConcurrencyStamp",
                table: "Statements",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CreatedById",
                table: "Statements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAt",
                table: "Statements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewComment",
                table: "Statements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SavedById",
                table: "Revisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Translations_Language_Slug",
                table: "Translations",
                columns: new[] { "Language", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Statements_CreatedById_Status",
                table: "Statements",
                columns: new[] { "CreatedById", "Status" });

            // Translations of statements that were already public stay public.
            migrationBuilder.Sql("UPDATE \"Translations\" SET \"IsPublished\" = 1 WHERE \"StatementId\" IN (SELECT \"Id\" FROM \"Statements\" WHERE \"Status\" IN (3, 4));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Translations_Language_Slug",
                table: "Translations");

            migrationBuilder.DropIndex(
                name: "IX_Statements_CreatedById_Status",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "IsOutOfDate",
                table: "Translations");

            migrationBuilder.DropColumn(
                name: "IsPublished",
                table: "Translations");

            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "CreatedById",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "ReviewComment",
                table: "Statements");

            migrationBuilder.DropColumn(
                name: "SavedById",
                table: "Revisions");
        }
    }
}
