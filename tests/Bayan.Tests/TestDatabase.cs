#if POSTGRES
using System.Security.Cryptography;
using System.Text;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
#endif

namespace Bayan.Tests;

/// <summary>
/// The database a test site runs on. This project's tests run on a SQLite file in each site's data directory; the same
/// sources compiled into Bayan.PostgresTests (with POSTGRES defined) run every site on a database of its own in one
/// PostgreSQL server started for the run, copied from a template that already has the schema.
/// </summary>
public static class TestDatabase
{
#if POSTGRES
    public static bool IsPostgres => true;

    private static readonly Lazy<Task<PostgresServer>> Server = new(StartServerAsync);

    /// <summary>The settings that put the site (or a verb) for <paramref name="dataDirectory"/> on its database, created if new.</summary>
    public static async Task<string[]> SettingsAsync(string dataDirectory)
    {
        var server = await Server.Value;
        var name = DatabaseName(dataDirectory);
        try
        {
            await server.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE bayan_template");
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // The site is starting again on the same data directory: its database is kept.
        }

        return ["--Bayan:Database:Provider=Postgres", "--ConnectionStrings:Bayan=" + server.ConnectionString(name)];
    }

    /// <summary>The settings for a second site, with a data directory of its own, on the same database as <paramref name="dataDirectory"/>'s.</summary>
    public static Task<string[]> SharedWithAsync(string dataDirectory) => SettingsAsync(dataDirectory);

    /// <summary>Drops the database of <paramref name="dataDirectory"/>, closing its connections.</summary>
    public static async Task DropAsync(string dataDirectory)
    {
        var server = await Server.Value;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(server.ConnectionString(DatabaseName(dataDirectory))));
        await server.ExecuteAsync($"DROP DATABASE IF EXISTS {DatabaseName(dataDirectory)} WITH (FORCE)");
    }

    private static string DatabaseName(string dataDirectory) =>
        "bayan_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..20];

    private static async Task<PostgresServer> StartServerAsync()
    {
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        await server.ExecuteAsync("CREATE DATABASE bayan_template");
        var options = new DbContextOptionsBuilder<PostgresBayanDb>();
        options.UseBayanPostgres(server.ConnectionString("bayan_template") + ";Pooling=false");
        await using (var db = new PostgresBayanDb(options.Options))
        {
            await db.Database.MigrateAsync();
        }

        return server;
    }
#else
    public static bool IsPostgres => false;

    /// <summary>The settings that put the site (or a verb) for <paramref name="dataDirectory"/> on its database: none, it is the SQLite file there.</summary>
    public static Task<string[]> SettingsAsync(string dataDirectory) => Task.FromResult<string[]>([]);

    /// <summary>The settings for a second site, with a data directory of its own, on the same database as <paramref name="dataDirectory"/>'s.</summary>
    public static Task<string[]> SharedWithAsync(string dataDirectory) =>
        Task.FromResult<string[]>([$"--ConnectionStrings:Bayan=Data Source={Path.Combine(dataDirectory, "bayan.db")}"]);

    public static Task DropAsync(string dataDirectory) => Task.CompletedTask;
#endif

    /// <summary>The settings for a verb (import, static-site…) on the site of <paramref name="dataDirectory"/>: the directory and its database.</summary>
    public static async Task<string[]> VerbSettingsAsync(string dataDirectory) =>
        [$"--Bayan:DataDirectory={dataDirectory}", .. await SettingsAsync(dataDirectory)];
}
