using System.Text;
using Bayan.Core.Statements;
using Bayan.Core.Text;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Search;

/// <summary>
/// What every search index holds for one published translation: its fields normalized by <see cref="SearchText"/>, and
/// the extra forms readers may type (<see cref="Variants"/> for the whole text, <see cref="HeadingVariants"/> for the
/// title and summary alone). Read the same way for every database.
/// </summary>
public sealed record SearchEntry(int TranslationId, string Title, string Summary, string Body, string Attachments, string Variants, string HeadingVariants)
{
    /// <summary>Translations readers can see: published, of a published statement.</summary>
    public static IQueryable<StatementTranslation> Indexable(BayanDb db) =>
        db.Translations.Where(t => t.IsPublished && t.Statement.Status == StatementStatus.Published && t.Statement.DeletedAt == null);

    public static async Task<List<SearchEntry>> ReadAsync(IQueryable<StatementTranslation> translations, CancellationToken cancellationToken)
    {
        var rows = await translations
            .Select(t => new
            {
                t.Id,
                t.Language,
                t.Title,
                t.Summary,
                t.BodyHtml,
                Attachments = t.Statement.Attachments.Select(a => new { a.ExtractedText, a.Captions }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return rows.Select(row =>
        {
            var attachments = new StringBuilder();
            foreach (var attachment in row.Attachments)
            {
                attachments.Append(attachment.Captions.Has(row.Language) ? attachment.Captions[row.Language] : "").Append('\n');
                attachments.Append(attachment.ExtractedText).Append('\n');
            }

            var body = Excerpt.PlainText(row.BodyHtml);
            var (title, summary, text) = (SearchText.Normalize(row.Title), SearchText.Normalize(row.Summary), SearchText.Normalize(body));
            // Extra forms readers may type: words joined where the text has a zero-width non-joiner, and Arabic words
            // without the article or particles written onto them.
            IEnumerable<string> Variants(string original, string normalized) =>
                SearchText.JoinedWords(original).Concat(row.Language == "ar" ? SearchText.ArabicStems(normalized) : []);
            var headingVariants = Variants(row.Title + " " + row.Summary, title + " " + summary);
            var variants = headingVariants.Concat(Variants(body, text));
            return new SearchEntry(
                row.Id, title, summary, text, SearchText.Normalize(attachments.ToString()), string.Join(' ', variants), string.Join(' ', headingVariants));
        }).ToList();
    }
}
