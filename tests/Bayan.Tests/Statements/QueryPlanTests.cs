using System.Data.Common;
using Bayan.Core.Languages;
using Bayan.Data;
using Bayan.Shared;
using Bayan.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Statements;

/// <summary>
/// Every query behind the listings and a statement's neighbours must walk indexes, never scan a whole table or sort:
/// the test records the SQL the real queries send and reads SQLite's plan for each.
/// </summary>
[Collection(DemoSiteDefinition.Name)]
public class QueryPlanTests(DemoSiteFixture site)
{
    public static TheoryData<string?, string?, string?, string?, int?, int> Filters => new()
    {
        { null, null, null, null, null, 1 },
        { null, null, null, null, null, 3 },
        { "joint-statement", null, null, null, null, 1 },
        { null, "announcements", null, null, null, 1 },
        { null, null, "open-wells", null, null, 1 },
        { null, null, null, "water", null, 1 },
        { null, null, null, null, 2021, 1 },
        { "statement", null, "sepehr", "health", 2022, 1 },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Listing_queries_use_indexes(string? type, string? series, string? org, string? tag, int? year, int page)
    {
        var (db, recorder) = RecordingDb();
        await using var _ = db;
        var catalog = await site.App.Services.GetRequiredService<Catalog>().GetAsync();

        await NewQuery(db).ListAsync(SiteLanguage.English, new ArchiveFilter(type, series, org, tag, year, page), catalog, 10, default);

        await AssertIndexedAsync(db, recorder, expectedQueries: page == 1 && tag is null ? 3 : null);
    }

    [Fact]
    public async Task A_page_after_one_already_shown_seeks_where_it_ended_and_shows_what_skipping_would()
    {
        var (db, recorder) = RecordingDb();
        await using var _ = db;
        var catalog = await site.App.Services.GetRequiredService<Catalog>().GetAsync();
        var walking = NewQuery(db);
        var seen = new List<int>();
        for (var page = 1; page <= 4; page++)
        {
            var filter = ArchiveFilter.None with { Page = page };
            recorder.Commands.Clear();
            var walked = await walking.ListAsync(SiteLanguage.English, filter, catalog, 5, default);
            var skipped = await NewQuery(db).ListAsync(SiteLanguage.English, filter, catalog, 5, default);
            Assert.Equal(skipped.Items.Select(i => i.Id), walked.Items.Select(i => i.Id));
            Assert.Equal(skipped.HasNext, walked.HasNext);
            seen.AddRange(walked.Items.Select(i => i.Id));
        }

        Assert.Equal(20, seen.Distinct().Count());
        // The last walk's first query is the seek: no OFFSET, and on the index.
        Assert.DoesNotContain("OFFSET", recorder.Commands[0].Sql, StringComparison.Ordinal);
        recorder.Commands.RemoveRange(3, recorder.Commands.Count - 3);
        await AssertIndexedAsync(db, recorder, expectedQueries: 3);
    }

    private static ArchiveQuery NewQuery(BayanDb db) =>
        new(db, new ListingCache(new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()), TimeProvider.System));

    [Fact]
    public async Task Neighbour_and_year_queries_use_indexes()
    {
        var (db, recorder) = RecordingDb();
        await using var _ = db;
        var middle = await db.Statements.OrderBy(s => s.Id).Skip(10).Select(s => new { s.Id, s.PublishedAt }).FirstAsync();
        recorder.Commands.Clear();

        var archive = NewQuery(db);
        await archive.NeighboursAsync("en", middle.Id, middle.PublishedAt!.Value, default);
        var years = await archive.YearsAsync(SiteLanguage.Persian, TimeZoneInfo.Utc, default);

        // Two for the neighbours; one per year with statements, and one finding no later year.
        await AssertIndexedAsync(db, recorder, expectedQueries: 2 + years.Count + 1);
    }

    private (BayanDb Db, CommandRecorder Recorder) RecordingDb()
    {
        var recorder = new CommandRecorder();
        var connectionString = DatabaseSetup.SqliteConnectionString(site.App.Services.GetRequiredService<IConfiguration>());
        var options = new DbContextOptionsBuilder<BayanDb>().UseBayanSqlite(connectionString).AddInterceptors(recorder).Options;
        return (new BayanDb(options), recorder);
    }

    /// <summary>Checks every recorded plan; <paramref name="expectedQueries"/> (when known) guards against checking nothing.</summary>
    private static async Task AssertIndexedAsync(BayanDb db, CommandRecorder recorder, int? expectedQueries)
    {
        Assert.NotEmpty(recorder.Commands);
        if (expectedQueries is { } expected)
        {
            Assert.Equal(expected, recorder.Commands.Count);
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var (sql, parameters) in recorder.Commands)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = explain.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                explain.Parameters.Add(parameter);
            }

            var plan = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }

            var text = string.Join('\n', plan);
            // "SCAN x" alone is a full table scan; "SCAN x USING (COVERING) INDEX" walks an index; json_each lists the ids asked for.
            Assert.DoesNotMatch(@"(?m)^SCAN (?!json_each)\w+$", text);
            Assert.DoesNotContain("USE TEMP B-TREE", text);
        }
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
