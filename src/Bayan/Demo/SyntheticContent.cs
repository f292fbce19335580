using Bayan.Core.Statements;
using Bayan.Core.Text;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Demo;

/// <summary>
/// Many statements quickly, for benchmarks: titles and bodies written by <see cref="SyntheticText"/>, dates spread
/// over two decades, rows saved in large batches and indexed for search at the end.
/// </summary>
public sealed class SyntheticContent(BayanDb db, DemoLoader demo, Search.ISearchIndex index)
{
    private const int BatchSize = 5_000;

    public async Task<int> GenerateAsync(int count, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!await db.Organizations.AnyAsync(cancellationToken))
        {
            // A benchmark site needs the same organizations, types, series and tags as the sample site.
            await demo.LoadWorldOnlyAsync(cancellationToken);
        }

        var types = await db.StatementTypes.Select(t => t.Id).ToListAsync(cancellationToken);
        var series = await db.Series.Select(s => s.Id).ToListAsync(cancellationToken);
        var organizations = await db.Organizations.OrderByDescending(o => o.IsOwn).Select(o => o.Id).ToListAsync(cancellationToken);
        var tags = await db.Tags.ToListAsync(cancellationToken);
        var numbers = new Dictionary<int, int>();
        foreach (var id in series)
        {
            numbers[id] = await db.Statements.Where(s => s.SeriesId == id).MaxAsync(s => s.SeriesNumber, cancellationToken) ?? 0;
        }

        var random = new Random(20261130);
        var start = new DateTime(2005, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var step = (new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) - start) / Math.Max(count, 1);
        await BulkLoad.PrepareAsync(db, cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var done = 0;
        while (done < count)
        {
            var batch = Math.Min(BatchSize, count - done);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            for (var i = 0; i < batch; i++)
            {
                var n = done + i;
                var published = start + (step * n) + TimeSpan.FromMinutes(random.Next(0, 600));
                var seriesId = random.Next(4) == 0 && series.Count > 0 ? series[random.Next(series.Count)] : (int?)null;
                var statement = new Statement
                {
                    TypeId = types[random.Next(types.Count)],
                    SeriesId = seriesId,
                    SeriesNumber = seriesId is { } s ? numbers[s] = numbers[s] + 1 : null,
                    Status = StatementStatus.Published,
                    PublishedAt = published,
                    CreatedAt = published,
                };
                var signatories = 1 + (random.Next(5) == 0 ? random.Next(1, 4) : 0);
                foreach (var (organization, position) in organizations.Take(1).Concat(organizations.Skip(1).OrderBy(_ => random.Next()).Take(signatories - 1)).Select((o, p) => (o, p)))
                {
                    statement.Signatories.Add(new Signatory { OrganizationId = organization, Position = position });
                }

                statement.Tags.Add(tags[random.Next(tags.Count)]);
                foreach (var language in LanguagesOf(n))
                {
                    var text = SyntheticText.For(language);
                    var title = $"{text.Title(random)} {Digits.Localize(n + 1, language == "fa" ? Core.Languages.DigitStyle.Persian : Core.Languages.DigitStyle.Latin)}";
                    var translation = new StatementTranslation { Language = language, IsOriginal = language == "en", IsPublished = true };
                    translation.SetText(title, null, RenderedBody.From(text.Body(random), BodyFormat.Markdown));
                    translation.Revisions.Add(Revision.Of(translation, 1, published, "generate", null, published: true));
                    statement.Translations.Add(translation);
                }

                db.Statements.Add(statement);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            // Tags are shared by every statement: attach them again after clearing.
            db.Tags.AttachRange(tags);
            done += batch;
            progress?.Invoke(done);
        }

        db.ChangeTracker.Clear();
        await index.RebuildAsync(cancellationToken);
        return done;
    }

    /// <summary>Every statement in English; half also in Persian, a quarter also in Arabic.</summary>
    private static IEnumerable<string> LanguagesOf(int n)
    {
        yield return "en";
        if (n % 2 == 0)
        {
            yield return "fa";
        }

        if (n % 4 == 1)
        {
            yield return "ar";
        }
    }
}
