using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Data;

/// <summary>The one place that knows which database provider is in use.</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddBayanDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Bayan:Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Bayan:Database:Provider '{provider}' is not supported yet; use Sqlite.");
        }

        var connectionString = SqliteConnectionString(configuration);
        services.AddDbContextPool<BayanDb>(options => options.UseBayanSqlite(connectionString));
        return services;
    }

    public static DbContextOptionsBuilder UseBayanSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        // A list of ids goes to SQLite as one JSON parameter (json_each), so the SQL text is the same for every page and
        // is generated once; one parameter per id would make EF build and lock its command cache for each list length.
        options.UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    /// <summary>The SQLite database's file, or null when there is none (an in-memory database).</summary>
    public static string? SqliteFile(IConfiguration configuration) =>
        new SqliteConnectionStringBuilder(SqliteConnectionString(configuration)).DataSource is { Length: > 0 } file && file != ":memory:"
            ? Path.GetFullPath(file)
            : null;

    public static string SqliteConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Bayan");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var dataDirectory = BayanPaths.DataDirectory(configuration);
        // Readable by the site's own account only: the database holds the keys that protect sessions, and password hashes.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDirectory);
        }
        else
        {
            Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "bayan.db"),
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Brings the schema up to date and sets the journal mode; run before serving and by every verb.</summary>
    public static async Task PrepareAsync(BayanDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a writer commits; the setting is kept in the database file.
            await db.Database.ExecuteSqlAsync($"PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>Settings for loading many rows at once (the generate verb).</summary>
public static class BulkLoad
{
    /// <summary>
    /// On SQLite, commits stop waiting for the disk: a crash mid-load can lose the last batches, which is
    /// acceptable for synthetic benchmark content and halves the time it takes.
    /// </summary>
    public static async Task PrepareAsync(BayanDb db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"PRAGMA synchronous=OFF;", cancellationToken);
        }
    }
}

public static class BayanPaths
{
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Bayan:DataDirectory"] is { Length: > 0 } configured ? configured : "data");
}
