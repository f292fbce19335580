using Bayan.Cli;
using Bayan.Core.Statements;
using Bayan.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Tests.Cli;

/// <summary>The verbs, run in-process exactly as `dotnet run --project src/Bayan -- VERB …` runs them, on a temporary data directory.</summary>
[Collection(CommandLineDefinition.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "bayan-tests", "cli-" + Guid.NewGuid().ToString("N"));

    private string DataSetting => $"--Bayan:DataDirectory={dataDirectory}";

    [Fact]
    public async Task Demo_loads_the_sample_content_once_and_refuses_to_touch_it_again_unless_forced()
    {
        Assert.Equal(0, await BayanCommandLine.RunAsync(["demo", DataSetting]));
        var count = await CountAsync(db => db.Statements.CountAsync());
        Assert.True(count >= 30, $"the sample site should have at least 30 statements, has {count}");
        Assert.True(await CountAsync(db => db.Statements.CountAsync(s => s.Translations.Count == 3)) >= 10);
        Assert.True(await CountAsync(db => db.Attachments.CountAsync(a => a.ContentType == "application/pdf")) >= 2);

        Assert.Equal(1, await BayanCommandLine.RunAsync(["demo", DataSetting]));
        Assert.Equal(count, await CountAsync(db => db.Statements.CountAsync()));

        Assert.Equal(0, await BayanCommandLine.RunAsync(["demo", "--force", DataSetting]));
        Assert.Equal(count, await CountAsync(db => db.Statements.CountAsync()));
    }

    [Fact]
    public async Task Generate_adds_published_statements_in_three_languages_with_series_numbers_in_order()
    {
        Assert.Equal(0, await BayanCommandLine.RunAsync(["generate", "--statements", "200", DataSetting]));

        Assert.Equal(200, await CountAsync(db => db.Statements.CountAsync(s => s.Status == StatementStatus.Published)));
        Assert.Equal(100, await CountAsync(db => db.Translations.CountAsync(t => t.Language == "fa")));
        Assert.Equal(50, await CountAsync(db => db.Translations.CountAsync(t => t.Language == "ar")));
        var numbers = await QueryAsync(db => db.Statements.Where(s => s.SeriesId != null)
            .GroupBy(s => s.SeriesId).Select(g => new { Count = g.Count(), Max = g.Max(s => s.SeriesNumber) }).ToListAsync());
        Assert.All(numbers, n => Assert.Equal(n.Count, n.Max));
    }

    [Theory]
    [InlineData("generate", "--statements", "abc")]
    [InlineData("generate", "--statements", "0")]
    [InlineData("generate")]
    [InlineData("demo", "--frobnicate")]
    [InlineData("no-such-verb")]
    public async Task Bad_arguments_exit_with_2(params string[] args)
    {
        Assert.Equal(2, await BayanCommandLine.RunAsync([.. args, DataSetting]));
    }

    [Theory]
    [InlineData("--Bayan:Database:Provider=Postgress", "use Sqlite (the default) or Postgres")]
    [InlineData("--ConnectionStrings:Bayan=Host=127.0.0.1;Database=bayan", "set Bayan:Database:Provider=Postgres")]
    [InlineData("--Bayan:Database:Provider=Postgres", "ConnectionStrings:Bayan is required")]
    public async Task A_wrong_database_setting_is_named_in_one_line(string setting, string expected)
    {
        var errors = await Captured.ErrorAsync(async () => Assert.Equal(1, await BayanCommandLine.RunAsync(["migrate", DataSetting, setting])));
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_server_that_cannot_be_reached_is_named_in_one_line()
    {
        var port = LoopbackPort.Free();
        var errors = await Captured.ErrorAsync(async () => Assert.Equal(1, await BayanCommandLine.RunAsync(
            ["migrate", DataSetting, "--Bayan:Database:Provider=Postgres", $"--ConnectionStrings:Bayan=Host=127.0.0.1;Port={port};Database=bayan;Username=bayan;Timeout=3"])));
        Assert.StartsWith($"bayan: the database: Failed to connect to 127.0.0.1:{port}", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_an_up_to_date_database_in_wal_mode()
    {
        Assert.Equal(0, await BayanCommandLine.RunAsync(["migrate", DataSetting]));

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "bayan.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public void Configuration_arguments_are_separated_from_the_command()
    {
        var (host, command) = BayanCommandLine.SplitConfigurationArguments(
            ["generate", "--Bayan:DataDirectory", "/x", "--statements", "5", "--ConnectionStrings:Bayan=Data Source=y", "--environment", "Development"]);

        Assert.Equal(["--Bayan:DataDirectory", "/x", "--ConnectionStrings:Bayan=Data Source=y", "--environment", "Development"], host);
        Assert.Equal(["generate", "--statements", "5"], command);
    }

    private Task<int> CountAsync(Func<BayanDb, Task<int>> count) => QueryAsync(count);

    private async Task<T> QueryAsync<T>(Func<BayanDb, Task<T>> query)
    {
        var options = new DbContextOptionsBuilder<BayanDb>().UseSqlite($"Data Source={Path.Combine(dataDirectory, "bayan.db")}").Options;
        await using var db = new BayanDb(options);
        return await query(db);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
