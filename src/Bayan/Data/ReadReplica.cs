using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bayan.Data;

/// <summary>A PostgreSQL read replica (hot standby) of the site's database, for public pages only; no migrations run on it.</summary>
public sealed class ReplicaBayanDb(DbContextOptions<ReplicaBayanDb> options) : BayanDb(options);

/// <summary>
/// Where public pages read (<c>[FromKeyedServices(PublicReads.Key)] BayanDb</c>): the read replica when one is configured
/// (<c>ConnectionStrings:BayanReplica</c>), reachable, caught up, and nothing changed on the site in the last few seconds;
/// the primary otherwise. Right after a change the primary answers, so a page rendered and cached then shows the change
/// even if the replica has not replayed it yet. Everything that writes, and what is kept in memory across requests
/// (the catalog, search's facts), reads the primary.
/// </summary>
public sealed class PublicReads(TimeProvider time, bool configured)
{
    public const string Key = "public-reads";

    /// <summary>How long after a change public pages read the primary.</summary>
    public static readonly TimeSpan AfterChange = TimeSpan.FromSeconds(5);

    private long lastChangeTicks;
    private volatile bool replicaUsable;

    public bool UseReplica =>
        configured && replicaUsable && time.GetUtcNow().UtcTicks - Interlocked.Read(ref lastChangeTicks) > AfterChange.Ticks;

    /// <summary>Something changed, here or on another instance.</summary>
    public void NoteChange() => Interlocked.Exchange(ref lastChangeTicks, time.GetUtcNow().UtcTicks);

    /// <summary>What <see cref="ReplicaMonitor"/> found: whether the replica answers and keeps up.</summary>
    public void SetReplicaUsable(bool usable) => replicaUsable = usable;
}

/// <summary>
/// Every two seconds: asks the primary how far its log has been written and the replica how far it has replayed. The
/// replica is used while it answers and has replayed what the primary had written at the previous look (so it is less
/// than about two seconds behind); a replica that stops answering or falls behind is left until it catches up. Logged
/// when it changes.
/// </summary>
public sealed class ReplicaMonitor(PublicReads reads, string primary, string replica, ILogger<ReplicaMonitor> log) : BackgroundService
{
    // Named apart from the site's own connections, in pg_stat_activity.
    private readonly string primary = new NpgsqlConnectionStringBuilder(primary) { ApplicationName = "bayan replica monitor" }.ConnectionString;
    private readonly string replica = new NpgsqlConnectionStringBuilder(replica) { ApplicationName = "bayan replica monitor" }.ConnectionString;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ulong? writtenBefore = null;
        bool? usable = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool now;
            string reason;
            try
            {
                var written = await LsnAsync(primary, "SELECT pg_current_wal_lsn()::text", stoppingToken);
                var replayed = await LsnAsync(replica, "SELECT coalesce(pg_last_wal_replay_lsn(), '0/0')::text", stoppingToken);
                now = writtenBefore is null || replayed >= writtenBefore;
                reason = now ? "caught up" : "more than two seconds behind the primary";
                writtenBefore = written;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                (now, reason) = (false, "unreachable: " + exception.GetBaseException().Message);
                writtenBefore = null;
            }

            reads.SetReplicaUsable(now);
            if (usable != now)
            {
                if (now)
                {
                    log.LogInformation("The read replica is {Reason}: public pages read it", reason);
                }
                else
                {
                    log.LogWarning("The read replica is {Reason}: public pages read the primary meanwhile", reason);
                }

                usable = now;
            }

            await Task.Delay(Interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task<ulong> LsnAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        var text = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        // A log position is written as two hexadecimal halves, "16/B374D848".
        var halves = text.Split('/');
        return (Convert.ToUInt64(halves[0], 16) << 32) | Convert.ToUInt64(halves[1], 16);
    }
}
