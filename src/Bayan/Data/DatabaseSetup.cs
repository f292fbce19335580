using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Bayan.Data;

/// <summary>The one place that knows which database provider is in use.</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddBayanDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var replica = configuration.GetConnectionString("BayanReplica");
        if (Provider(configuration) == DatabaseProvider.Postgres)
        {
            var connectionString = PostgresConnectionString(configuration);
            // Every consumer asks for BayanDb; the pool hands out the PostgreSQL context type, whose migrations are PostgreSQL's.
            services.AddDbContextPool<BayanDb, PostgresBayanDb>(options => options.UseBayanPostgres(connectionString));
            if (!string.IsNullOrWhiteSpace(replica))
            {
                var replicaString = PostgresConnectionString(configuration, "BayanReplica");
                services.AddDbContextPool<ReplicaBayanDb>(options => options.UseBayanPostgres(replicaString));
                services.AddHostedService(provider => new ReplicaMonitor(
                    provider.GetRequiredService<PublicReads>(), connectionString, replicaString, provider.GetRequiredService<ILogger<ReplicaMonitor>>()));
            }
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(replica))
            {
                throw new InvalidOperationException("The configuration value ConnectionStrings:BayanReplica is for PostgreSQL read replicas: set Bayan:Database:Provider=Postgres, or remove it.");
            }

            var connectionString = SqliteConnectionString(configuration);
            services.AddDbContextPool<BayanDb>(options => options.UseBayanSqlite(connectionString));
        }

        services.AddSingleton(provider => new PublicReads(provider.GetRequiredService<TimeProvider>(), configured: !string.IsNullOrWhiteSpace(replica)));
        services.AddKeyedScoped<BayanDb>(PublicReads.Key, (provider, _) => provider.GetRequiredService<PublicReads>().UseReplica
            ? provider.GetRequiredService<ReplicaBayanDb>()
            : provider.GetRequiredService<BayanDb>());
        return services;
    }

    /// <summary>Which database the site runs on: <c>Bayan:Database:Provider</c>, SQLite unless it says Postgres.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration) =>
        configuration["Bayan:Database:Provider"] switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var name when name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var name when name.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
                => DatabaseProvider.Postgres,
            var name => throw new InvalidOperationException(
                $"The configuration value Bayan:Database:Provider is '{name}'; use Sqlite (the default) or Postgres."),
        };

    public static DbContextOptionsBuilder UseBayanSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        // A list of ids goes to SQLite as one JSON parameter (json_each), so the SQL text is the same for every page and
        // is generated once; one parameter per id would make EF build and lock its command cache for each list length.
        options.UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    // PostgreSQL takes a list of ids as one array parameter (= ANY), which is the provider's default.
    public static DbContextOptionsBuilder UseBayanPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    /// <summary>ConnectionStrings:Bayan (or another), which PostgreSQL needs (there is no default server); checked for form before use.</summary>
    public static string PostgresConnectionString(IConfiguration configuration, string name = "Bayan")
    {
        var configured = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"The configuration value ConnectionStrings:{name} is required with Bayan:Database:Provider=Postgres, "
                + "for example Host=127.0.0.1;Database=bayan;Username=bayan;Password=… (see docs/operations.md).");
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(configured).ConnectionString;
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"The configuration value ConnectionStrings:{name} is not a PostgreSQL connection string: {exception.Message}", exception);
        }
    }

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
            try
            {
                return new SqliteConnectionStringBuilder(configured).ConnectionString;
            }
            catch (ArgumentException exception)
            {
                throw new InvalidOperationException(
                    $"The configuration value ConnectionStrings:Bayan is not a SQLite connection string ({exception.Message}); "
                    + "for PostgreSQL, also set Bayan:Database:Provider=Postgres.",
                    exception);
            }
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

    /// <summary>
    /// Brings the schema up to date and sets the journal mode; run before serving and by every verb.
    /// </summary>
    public static Task PrepareAsync(BayanDb db, CancellationToken cancellationToken = default) => PrepareAsync(db, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// The same, waiting up to <paramref name="waitForServer"/> for a database server that cannot be reached yet
    /// (PostgreSQL starting at boot with the site).
    /// </summary>
    public static async Task PrepareAsync(BayanDb db, TimeSpan waitForServer, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsNpgsql())
        {
            await WaitForServerAsync(db, waitForServer, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a writer commits; the setting is kept in the database file.
            await db.Database.ExecuteSqlAsync($"PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private static async Task WaitForServerAsync(BayanDb db, TimeSpan patience, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.CloseConnectionAsync();
                return;
            }
            catch (NpgsqlException exception) when (exception.IsTransient && waited.Elapsed + delay < patience)
            {
                // Not a wrong password or a missing database (those are not transient): the server is not up yet.
                db.GetService<ILoggerFactory>().CreateLogger("Bayan.Database").LogWarning(
                    "The database server cannot be reached yet ({Reason}); trying again in {Seconds} s", exception.GetBaseException().Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 8));
            }
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

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class BayanPaths
{
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Bayan:DataDirectory"] is { Length: > 0 } configured ? configured : "data");
}
