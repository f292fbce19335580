#if POSTGRES
using System.Net;
using Bayan.Data;
using Bayan.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Operations;

/// <summary>A real streaming replica (pg_basebackup) of a PostgreSQL server of the test's own.</summary>
public sealed class ReadReplicaTests
{
    private const string ReadsName = "bayan-test-public-reads";

    [Fact]
    public async Task Public_pages_read_the_replica_while_it_keeps_up_and_the_primary_after_a_change_or_while_it_is_down()
    {
        await using var primary = await PostgresServer.StartAsync();
        await primary.ExecuteAsync("CREATE DATABASE bayan");
        await using var replica = await primary.StartReplicaAsync();
        await using var app = await BayanApp.StartAsync(
            true,
            "--Bayan:CacheSeconds=0",
            "--ConnectionStrings:Bayan=" + primary.ConnectionString("bayan"),
            $"--ConnectionStrings:BayanReplica={replica.ConnectionString("bayan")};Application Name={ReadsName}");
        var reads = app.Services.GetRequiredService<PublicReads>();
        var readersOnReplica = $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{ReadsName}'";
        var readFromReplica = false;
        for (var attempt = 0; attempt < 10 && !readFromReplica; attempt++)
        {
            // While the demo content streams over, the replica can fall behind and be left for a tick: wait for it again.
            Assert.True(await EventuallyAsync(() => reads.UseReplica), "the replica, caught up, is used");
            var page = await app.Client.GetStringAsync(new Uri("/en/statements", UriKind.Relative));
            Assert.Contains("entry-title", page, StringComparison.Ordinal);
            readFromReplica = await replica.CountAsync("bayan", readersOnReplica) >= 1;
        }

        Assert.True(readFromReplica, "the page was read from the replica");

        // Right after a change the primary answers, whatever the replica has replayed.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ContentChanges>().SiteSavedAsync();
        }

        Assert.False(reads.UseReplica);

        // A replica that stops answering is left for the primary within a few seconds, with no page failing after.
        await replica.StopAsync();
        await Task.Delay(PublicReads.AfterChange);
        Assert.True(await EventuallyAsync(() => !reads.UseReplica));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/en/statements", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode);
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100 && !condition(); attempt++)
        {
            await Task.Delay(100);
        }

        return condition();
    }
}
#endif
