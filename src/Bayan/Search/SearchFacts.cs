using System.Collections.Concurrent;
using Bayan.Core.Languages;
using Bayan.Core.Statements;
using Bayan.Core.Text;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Search;

/// <summary>
/// What search filters and counts by, for every published statement, held in memory: its type, series, date,
/// signatories and tags, and the statement and language of each of its translations. Reading these from the database for
/// a hundred thousand matches on every search took a second; from arrays it takes a millisecond or two.
/// <para>
/// A change to one statement in this process is patched into a copy at once (<see cref="UpdateAsync"/>); any other change
/// (<see cref="Invalidate"/>) makes the next search wait for everything to be read again. Facts older than
/// <see cref="MaxAge"/> (another process, a CLI verb or another server, may have changed the database) are read again in
/// the background while searches go on with the old ones. Whether a translation is published is the index's business:
/// only published translations are in it, so only they ever match.
/// </para>
/// </summary>
public sealed class SearchFacts(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly SemaphoreSlim patching = new(1, 1);
    private FactsSnapshot? ready;
    private Task<FactsSnapshot>? building;
    private long changes;

    public async Task<FactsSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<FactsSnapshot> task;
            long wanted;
            lock (gate)
            {
                wanted = changes;
                if (ready is { } current && current.Changes == wanted)
                {
                    if (clock.GetUtcNow() - current.ReadAt >= MaxAge)
                    {
                        building ??= Start();
                    }

                    return current;
                }

                task = building ??= Start();
            }

            var snapshot = await task.WaitAsync(cancellationToken);
            // A build that began before the latest change may have missed it: then wait for the next one.
            if (snapshot.Changes >= wanted)
            {
                return snapshot;
            }
        }
    }

    /// <summary>
    /// One statement changed in this process (published, corrected, withdrawn, its details or attachments edited), and the
    /// change is committed: its facts are read and patched into a new snapshot, which also tells search that recent
    /// matches are out of date.
    /// </summary>
    /// <remarks>
    /// Called after the change is committed, so it is never cancelled: whatever happens, the change is counted, and
    /// at worst the next search reads everything again.
    /// </remarks>
    public async Task UpdateAsync(int statementId)
    {
        await patching.WaitAsync();
        long expected = -1;
        try
        {
            FactsSnapshot? basis;
            lock (gate)
            {
                expected = changes;
                // Only facts that are up to date can be patched: after a change to the whole site, everything is read again.
                basis = building is null && ready?.Changes == expected ? ready : null;
            }

            var patch = basis is null ? null : await ReadAsync(statementId);
            lock (gate)
            {
                changes++;
                // Anything else since (a build under way, another change): the next search reads everything.
                if (patch is not null && ready == basis && building is null && changes == expected + 1)
                {
                    ready = basis!.With(patch, changes);
                }

                expected = -1;
            }
        }
        finally
        {
            if (expected >= 0)
            {
                // Reading the statement failed: the change still counts.
                Invalidate();
            }

            patching.Release();
        }
    }

    /// <summary>Something beyond one statement changed (lists, settings, many statements): the next search reads everything again.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            changes++;
        }
    }

    public void Dispose() => patching.Dispose();

    private Task<FactsSnapshot> Start()
    {
        var stamp = changes;
        // Not tied to the request that started it: other searches wait for the same build.
        return Task.Run(async () =>
        {
            try
            {
                var snapshot = await BuildAsync(stamp);
                lock (gate)
                {
                    if (ready is null || snapshot.Changes >= ready.Changes)
                    {
                        ready = snapshot;
                    }

                    building = null;
                }

                return snapshot;
            }
            catch
            {
                lock (gate)
                {
                    building = null;
                }

                throw;
            }
        });
    }

    private async Task<FactsSnapshot> BuildAsync(long stamp)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var readAt = clock.GetUtcNow();
        // Simple reads of narrow rows and indexes, joined here: a join in SQL would read every statement's wide row.
        var statements = await db.Statements.AsNoTracking()
            .Where(s => s.Status == StatementStatus.Published && s.DeletedAt == null)
            .Select(s => new { s.Id, s.TypeId, s.SeriesId, s.SeriesNumber, PublishedAt = s.PublishedAt!.Value })
            .ToListAsync();
        var signatories = (await db.Signatories.AsNoTracking()
            .OrderBy(x => x.StatementId).ThenBy(x => x.Position)
            .Select(x => new { x.StatementId, x.OrganizationId }).ToListAsync())
            .ToLookup(x => x.StatementId, x => x.OrganizationId);
        var tags = (await db.Set<Dictionary<string, object>>("StatementTag").AsNoTracking()
            .Select(x => new { StatementId = EF.Property<int>(x, "StatementId"), TagId = EF.Property<int>(x, "TagId") }).ToListAsync())
            .ToLookup(x => x.StatementId, x => x.TagId);
        var translations = await db.Translations.AsNoTracking().Select(t => new { t.Id, t.StatementId, t.Language }).ToListAsync();

        var facts = new StatementFacts[statements.Count == 0 ? 0 : statements.Max(s => s.Id) + 1];
        foreach (var s in statements)
        {
            facts[s.Id] = new StatementFacts(s.TypeId, s.SeriesId, s.SeriesNumber, s.PublishedAt, [.. signatories[s.Id]], [.. tags[s.Id]]);
        }

        var languages = new List<string>();
        var byTranslation = new TranslationFacts[translations.Count == 0 ? 0 : translations.Max(t => t.Id) + 1];
        foreach (var translation in translations)
        {
            if (translation.StatementId < facts.Length && facts[translation.StatementId].Exists)
            {
                byTranslation[translation.Id] = new TranslationFacts(translation.StatementId, LanguageNumber(languages, translation.Language));
            }
        }

        return new FactsSnapshot(stamp, readAt, facts, byTranslation, [.. languages]);
    }

    private async Task<StatementPatch> ReadAsync(int statementId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var statement = await db.Statements.AsNoTracking()
            .Where(s => s.Id == statementId && s.Status == StatementStatus.Published && s.DeletedAt == null)
            .Select(s => new
            {
                s.TypeId,
                s.SeriesId,
                s.SeriesNumber,
                PublishedAt = s.PublishedAt!.Value,
                Organizations = s.Signatories.OrderBy(x => x.Position).Select(x => x.OrganizationId).ToList(),
                Tags = s.Tags.Select(t => t.Id).ToList(),
            })
            .FirstOrDefaultAsync();
        var translations = await db.Translations.AsNoTracking().Where(t => t.StatementId == statementId)
            .Select(t => new { t.Id, t.Language }).ToListAsync();
        return new StatementPatch(
            statementId,
            statement is null ? default : new StatementFacts(statement.TypeId, statement.SeriesId, statement.SeriesNumber, statement.PublishedAt, [.. statement.Organizations], [.. statement.Tags]),
            [.. translations.Select(t => (t.Id, t.Language))]);
    }

    internal static byte LanguageNumber(List<string> languages, string code)
    {
        var number = languages.IndexOf(code);
        if (number < 0)
        {
            languages.Add(code);
            number = languages.Count - 1;
        }

        return (byte)number;
    }
}

/// <summary>A published statement as search filters and lists it (all default for an id that is not one).</summary>
public readonly record struct StatementFacts(int TypeId, int? SeriesId, int? SeriesNumber, DateTime PublishedAt, int[] Organizations, int[] Tags)
{
    public bool Exists => Organizations is not null;
}

/// <summary>A translation's statement (0 for none known) and language (see <see cref="FactsSnapshot.LanguageNumber"/>).</summary>
public readonly record struct TranslationFacts(int StatementId, byte Language);

/// <summary>One statement's facts as they are now (default if it is no longer published) and all its translations.</summary>
public sealed record StatementPatch(int StatementId, StatementFacts Facts, (int Id, string Language)[] Translations);

/// <summary>The facts at one moment, in arrays indexed by id; never changed once built, so searches read them without locks.</summary>
public sealed class FactsSnapshot
{
    private readonly StatementFacts[] statements;
    private readonly TranslationFacts[] translations;
    private readonly string[] languages;
    private readonly ConcurrentDictionary<(TimeZoneInfo Zone, SiteLanguage Language), int[]> years = new();
    private readonly ConcurrentDictionary<(TimeZoneInfo Zone, SiteLanguage Language), int[]> yearLists = new();

    public FactsSnapshot(long changes, DateTimeOffset readAt, StatementFacts[] statements, TranslationFacts[] translations, string[] languages)
    {
        Changes = changes;
        ReadAt = readAt;
        this.statements = statements;
        this.translations = translations;
        this.languages = languages;
        StatementCount = statements.Count(s => s.Exists);
    }

    /// <summary>Which change in this process the snapshot includes; recent matches are kept per snapshot.</summary>
    public long Changes { get; }

    /// <summary>When the database was last read in full for it.</summary>
    public DateTimeOffset ReadAt { get; }

    public int StatementCount { get; }

    /// <summary>The statement and language of a translation of a published statement; false for any other id.</summary>
    public bool TryGet(int translationId, out int statementId, out int language)
    {
        if ((uint)translationId < (uint)translations.Length && translations[translationId] is { StatementId: > 0 } found)
        {
            (statementId, language) = (found.StatementId, found.Language);
            return true;
        }

        (statementId, language) = (0, -1);
        return false;
    }

    public ref readonly StatementFacts this[int statementId] => ref statements[statementId];

    /// <summary>The number <see cref="TryGet"/> gives translations in a language; -1 when none has been seen in it.</summary>
    public int LanguageNumber(string code) => Array.IndexOf(languages, code);

    /// <summary>
    /// Each statement's year in the site's zone and the page's calendar (a Solar Hijri year begins in March), indexed by
    /// id, worked out once per snapshot, zone and language: converting every date on every search would cost more than the rest.
    /// </summary>
    public int[] Years(TimeZoneInfo zone, SiteLanguage language) => years.GetOrAdd((zone, language), _ =>
    {
        var result = new int[statements.Length];
        for (var id = 0; id < statements.Length; id++)
        {
            result[id] = statements[id].Exists ? YearOf(statements[id], zone, language) : 0;
        }

        return result;
    });

    /// <summary>The years that have published statements, newest first, as <see cref="Years"/> counts them.</summary>
    public IReadOnlyList<int> YearsWithStatements(TimeZoneInfo zone, SiteLanguage language) => yearLists.GetOrAdd((zone, language), _ =>
    {
        var all = Years(zone, language);
        return [.. Enumerable.Range(0, statements.Length).Where(id => statements[id].Exists).Select(id => all[id]).Distinct().OrderDescending()];
    });

    /// <summary>A copy with one statement's facts replaced (a few megabytes copied: a millisecond, against a second to read everything).</summary>
    internal FactsSnapshot With(StatementPatch patch, long changes)
    {
        var id = patch.StatementId;
        var newStatements = Grown(statements, id);
        newStatements[id] = patch.Facts;
        var names = languages.ToList();
        var newTranslations = Grown(translations, patch.Translations.Length == 0 ? 0 : patch.Translations.Max(t => t.Id));
        foreach (var (translationId, language) in patch.Translations)
        {
            newTranslations[translationId] = patch.Facts.Exists ? new TranslationFacts(id, SearchFacts.LanguageNumber(names, language)) : default;
        }

        var copy = new FactsSnapshot(changes, ReadAt, newStatements, newTranslations, [.. names]);
        foreach (var ((zone, language), known) in years)
        {
            var carried = Grown(known, id);
            carried[id] = patch.Facts.Exists ? YearOf(patch.Facts, zone, language) : 0;
            copy.years[(zone, language)] = carried;
        }

        return copy;
    }

    private static int YearOf(in StatementFacts statement, TimeZoneInfo zone, SiteLanguage language) =>
        DateDisplay.Year(SiteTimeZone.ToLocal(statement.PublishedAt, zone), language);

    /// <summary>A copy of <paramref name="array"/> long enough to hold <paramref name="index"/>.</summary>
    private static T[] Grown<T>(T[] array, int index)
    {
        var copy = new T[Math.Max(array.Length, index + 1)];
        Array.Copy(array, copy, array.Length);
        return copy;
    }
}
