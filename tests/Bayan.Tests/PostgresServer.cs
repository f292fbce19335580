using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Bayan.Tests;

/// <summary>
/// A real PostgreSQL server (Debian's binaries) in a temporary directory, on a loopback port of its own, trusting local
/// connections; built for tests, so it skips fsync. Started as the postgres account when the tests run as root, since
/// PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string directory;
    private Process? process;

    private PostgresServer(string binDirectory, string directory, int port)
    {
        BinDirectory = binDirectory;
        this.directory = directory;
        Port = port;
    }

    public string BinDirectory { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(directory, "data");

    /// <summary>The newest installed PostgreSQL's bin directory (/usr/lib/postgresql/N/bin), or null.</summary>
    public static string? InstalledBinDirectory { get; } = FindBinDirectory();

    /// <summary>A connection string for <paramref name="database"/> as the superuser, which trusts loopback connections here.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = "postgres",
            // Each test site has a database and so a pool of its own: idle connections are closed soon, so that hundreds
            // of test sites over a run do not hold the server's connections.
            ConnectionIdleLifetime = 5,
            ConnectionPruningInterval = 1,
        }.ConnectionString;

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = InstalledBinDirectory
            ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql)");
        RemoveLeftovers();
        var directory = Path.Combine(Path.GetTempPath(), "bayan-postgres-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var server = new PostgresServer(bin, directory, LoopbackPort.Free());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }

        await server.RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server on its data directory (again, after <see cref="StopAsync"/>) and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        process = Process.Start(AsPostgres(
            Path.Combine(BinDirectory, "postgres"),
            "-D", DataDirectory,
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=" + directory,
            "-c", "max_connections=400",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "log_min_messages=fatal"))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (!process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"PostgreSQL did not start on port {Port}");
    }

    /// <summary>A hot standby of this server (pg_basebackup, streaming replication) on a port of its own.</summary>
    public async Task<PostgresServer> StartReplicaAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bayan-postgres-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var replica = new PostgresServer(BinDirectory, directory, LoopbackPort.Free());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }

        await replica.RunAsPostgresAsync(
            Path.Combine(BinDirectory, "pg_basebackup"), "-D", replica.DataDirectory, "-R", "-X", "stream", "-c", "fast",
            "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres");
        await replica.StartAgainAsync();
        return replica;
    }

    /// <summary>Runs a query that returns one number, as the superuser on <paramref name="database"/>.</summary>
    public async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs SQL as the superuser on the maintenance database (CREATE DATABASE and the like).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Stops the server as an operator's restart does (fast shutdown: connections cut, everything committed kept); its
    /// data stays. (A crash would lose the last commits: this server does not wait for the disk.)
    /// </summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            await RunAsync("kill", "-INT", process.Id.ToString(CultureInfo.InvariantCulture));
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process?.Dispose();
        process = null;
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A backend still exiting: the temporary directory is left for the OS to clean.
        }
    }

    private ProcessStartInfo AsPostgres(string program, params string[] arguments)
    {
        // setpriv executes the program in its own place (no child process), so killing it kills the server.
        var start = Environment.UserName == "root"
            ? new ProcessStartInfo("setpriv") { ArgumentList = { "--reuid=postgres", "--regid=postgres", "--init-groups", program } }
            : new ProcessStartInfo(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = directory;
        return start;
    }

    private async Task RunAsPostgresAsync(string program, params string[] arguments)
    {
        using var run = Process.Start(AsPostgres(program, arguments))!;
        var output = run.StandardOutput.ReadToEndAsync();
        var error = await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({run.ExitCode}): {error}{await output}");
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var run = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({run.ExitCode}): {error}");
        }
    }

    /// <summary>
    /// Servers' directories from earlier runs whose server is no longer running (a test process ended before it could
    /// delete its own): removed, so runs do not pile them up in the temporary directory.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), "bayan-postgres-*"))
        {
            var pidFile = Path.Combine(directory, "data", "postmaster.pid");
            var running = File.Exists(pidFile)
                && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
                && Directory.Exists($"/proc/{pid}");
            if (!running && Directory.GetLastWriteTimeUtc(directory) < TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-10))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Another run's, being written: left alone.
                }
                catch (UnauthorizedAccessException)
                {
                    // Another account's: left alone.
                }
            }
        }
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(version => File.Exists(Path.Combine(version, "bin", "postgres")))
                .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var number) ? number : 0)
                .Select(version => Path.Combine(version, "bin"))
                .FirstOrDefault()
            : null;
}
