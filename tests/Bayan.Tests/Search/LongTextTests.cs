using System.Text;
using Bayan.Core.Search;
using Bayan.Core.Text;
using Bayan.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Search;

/// <summary>Texts as long as the editor takes are indexed on every database (PostgreSQL's tsvector holds at most 1 MB).</summary>
public sealed class LongTextTests
{
    /// <summary>Distinct Arabic words of five letters: the costliest text for an index (no word repeats, two bytes a letter).</summary>
    private static string[] DistinctArabicWords(int count) =>
        [.. Enumerable.Range(0, count).Select(n =>
        {
            var word = new StringBuilder();
            for (var i = 0; i < 5; i++, n /= 28)
            {
                word.Append((char)('\u0628' + (n % 26)));
            }

            return word.ToString();
        })];

    [Fact]
    public void The_words_given_to_postgresql_stay_within_what_a_tsvector_holds()
    {
        var text = string.Join(' ', DistinctArabicWords(100_000));
        var entry = new SearchEntry(1, "عنوان", "خلاصه", text, text, text, "عنوان خلاصه");
        var words = PostgresSearchIndex.IndexedWords.Of(entry);

        var cost = new[] { words.Title, words.Summary, words.Body, words.Variants, words.Attachments }
            .SelectMany(field => field.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Sum(word => Encoding.UTF8.GetByteCount(word) + 8);
        Assert.InRange(cost, 900_000, 1_000_000);
        Assert.Equal("عنوان", words.Title);
        Assert.StartsWith(text[..100], words.Body, StringComparison.Ordinal);
        Assert.Equal("", words.Attachments);
    }

    [Fact]
    public async Task A_statement_of_half_a_million_characters_is_indexed_and_found()
    {
        await using var app = await BayanApp.StartAsync();
        var words = DistinctArabicWords(85_000);
        int statementId;
        var (scope, db) = app.Db();
        await using (scope)
        {
            var translation = await db.Translations.FirstAsync(t => t.Language == "ar" && t.IsPublished);
            var text = string.Join(' ', words);
            translation.SetText(translation.Title, translation.Summary, new RenderedBody(text, translation.BodyFormat, "<p>" + text + "</p>", text[..200]));
            Assert.True(translation.BodyHtml.Length > 499_000);
            await db.SaveChangesAsync();
            statementId = translation.StatementId;
            var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
            await index.UpdateAsync(statementId, default);
            var found = await index.MatchAsync(SearchQuery.Parse(words[1]), default);
            Assert.Contains(translation.Id, found);
        }
    }
}
