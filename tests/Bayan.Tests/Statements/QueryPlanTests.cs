using Bayan.Core.Languages;
using Bayan.Data;
using Bayan.Shared;
using Bayan.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Statements;

/// <summary>The listing's queries must walk indexes, never scan whole tables: SQLite's own plans say so.</summary>
[Collection(DemoSiteDefinition.Name)]
public class QueryPlanTests(DemoSiteFixture site)
{
    public static TheoryData<string?, string?, string?, string?, int?> Filters => new()
    {
        { null, null, null, null, null },
        { "joint-statement", null, null, null, null },
        { null, "announcements", null, null, null },
        { null, null, "open-wells", null, null },
        { null, null, null, "water", null },
        { null, null, null, null, 2021 },
        { "statement", null, "sepehr", "health", 2022 },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Listing_queries_use_indexes(string? type, string? series, string? org, string? tag, int? year)
    {
        await using var scope = site.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var catalog = await scope.ServiceProvider.GetRequiredService<Catalog>().GetAsync();
        var query = scope.ServiceProvider.GetRequiredService<ArchiveQuery>()
            .Filtered("en", new ArchiveFilter(type, series, org, tag, year, 1), catalog, SiteLanguage.English)
            .OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id)
            .Select(s => s.Id)
            .Take(11);

        var plan = await ExplainAsync(db, query);

        Assert.DoesNotMatch(@"(?m)^.*\bSCAN \w+$", plan);
        Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", plan);
    }

    private static async Task<string> ExplainAsync(BayanDb db, IQueryable<int> query)
    {
        await using var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join('\n', lines);
    }
}
