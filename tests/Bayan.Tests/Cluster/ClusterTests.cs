using System.Diagnostics;
using Bayan.Accounts;
using Bayan.Core.Audit;
using Bayan.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Cluster;

/// <summary>Two instances of the site on one database and one Redis: one site to readers, whatever instance answers.</summary>
public sealed class ClusterTests
{
    private static readonly Actor Editor = new("cluster-editor", "Editor", new HashSet<string> { Roles.Editor });

    [RedisFact]
    public async Task A_page_cached_by_one_instance_is_served_by_the_other_and_a_publication_shows_on_both_within_a_second()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await BayanApp.StartAsync(true, $"--ConnectionStrings:Redis={redis.ConnectionString}");
        await using var second = await BayanApp.StartAsync(false,
            [.. await TestDatabase.SharedWithAsync(first.DataDirectory), $"--ConnectionStrings:Redis={redis.ConnectionString}"]);

        // Behind the load balancer, both are asked for the same host.
        using (await second.Client.SendAsync(ThroughProxy("/en/")))
        {
        }

        using (var fromCache = await first.Client.SendAsync(ThroughProxy("/en/")))
        {
            Assert.True(fromCache.Headers.Age.HasValue, "the page the other instance rendered should come from the shared cache");
        }

        // Found by search on the second instance too: it hears of the change and reads that statement's facts again
        // (it has read them all for an earlier search).
        var word = "Zarvandeh" + Guid.NewGuid().ToString("N")[..6];
        Assert.DoesNotContain("Water reaches", await second.Client.GetStringAsync(new Uri($"/en/search?q={word}", UriKind.Relative)), StringComparison.Ordinal);
        await PublishAsync(first, $"Water reaches {word}");
        var clock = Stopwatch.StartNew();
        Assert.True(await EventuallyAsync(async () =>
            (await (await second.Client.SendAsync(ThroughProxy("/en/"))).Content.ReadAsStringAsync()).Contains(word, StringComparison.Ordinal)
            && (await second.Client.GetStringAsync(new Uri($"/en/search?q={word}", UriKind.Relative))).Contains($"Water reaches", StringComparison.Ordinal)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"seen on the other instance after {clock.ElapsedMilliseconds} ms");
    }

    [RedisFact]
    public async Task While_redis_is_down_the_site_serves_and_publishes_and_when_it_returns_it_is_used_again()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var app = await BayanApp.StartAsync(true, $"--ConnectionStrings:Redis={redis.ConnectionString}");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/en/", UriKind.Relative))).StatusCode);

        await redis.StopAsync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            using var page = await app.Client.GetAsync(new Uri("/en/", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"20 pages took {clock.ElapsedMilliseconds} ms without Redis");
        using (var ready = await app.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            // Still ready (it serves), and saying what is wrong.
            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("redis: unreachable", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var during = "Outage" + Guid.NewGuid().ToString("N")[..6];
        await PublishAsync(app, $"Published during the outage {during}");
        Assert.Contains(during, await app.Client.GetStringAsync(new Uri("/en/", UriKind.Relative)), StringComparison.Ordinal);

        await redis.StartAgainAsync();
        var multiplexer = app.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
        Assert.True(await EventuallyAsync(() => Task.FromResult(multiplexer.IsConnected), TimeSpan.FromSeconds(20)), "the site should reconnect to Redis");
        using (await app.Client.GetAsync(new Uri("/en/", UriKind.Relative)))
        {
        }

        using (var cached = await app.Client.GetAsync(new Uri("/en/", UriKind.Relative)))
        {
            Assert.True(cached.Headers.Age.HasValue, "pages should be cached again");
        }

        var after = "Return" + Guid.NewGuid().ToString("N")[..6];
        await PublishAsync(app, $"Published after Redis came back {after}");
        var home = await app.Client.GetStringAsync(new Uri("/en/", UriKind.Relative));
        Assert.Contains(after, home, StringComparison.Ordinal);
        Assert.Contains(during, home, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task Sign_in_attempts_are_counted_for_the_whole_site_not_per_instance()
    {
        await using var redis = await RedisServer.StartAsync();
        // One clock for both, held at the start of a minute: the four attempts fall in one window.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 5, TimeSpan.Zero));
        await using var first = await BayanApp.StartAsync(false, clock, $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Bayan:SignInAttemptsPerMinute=3");
        await using var second = await BayanApp.StartAsync(false, clock,
            [.. await TestDatabase.SharedWithAsync(first.DataDirectory), $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Bayan:SignInAttemptsPerMinute=3"]);

        var answers = new List<System.Net.HttpStatusCode>();
        foreach (var app in new[] { first, second, first, second })
        {
            var (client, response) = await app.SignInAsync("nobody@example.org", "not the password");
            answers.Add(response.StatusCode);
            client.Dispose();
        }

        // Three attempts between them, then the fourth is refused, on whichever instance it lands.
        Assert.DoesNotContain(System.Net.HttpStatusCode.TooManyRequests, answers.Take(3));
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, answers[3]);
    }

    [Fact]
    public async Task A_statement_that_falls_due_is_published_once_whatever_the_number_of_instances()
    {
        await using var first = await BayanApp.StartAsync(true, "--Bayan:SchedulerSeconds=3600");
        await using var second = await BayanApp.StartAsync(false, [.. await TestDatabase.SharedWithAsync(first.DataDirectory), "--Bayan:SchedulerSeconds=3600"]);
        int id;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<StatementWriter>().SaveAsync(new StatementInput
            {
                TypeId = 1,
                Signatories = [1],
                OriginalLanguage = "en",
                Translations = [new TranslationInput { Language = "en", Title = "Due now", Body = "Scheduled a moment ago." }],
            }, Editor);
            id = saved.StatementId!.Value;
            var db = scope.ServiceProvider.GetRequiredService<Bayan.Data.BayanDb>();
            var outcome = await scope.ServiceProvider.GetRequiredService<Publisher>().ScheduleAsync(id, (await db.Statements.FindAsync(id))!.ConcurrencyStamp, TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(1), Editor);
            Assert.True(outcome.Succeeded, string.Join(", ", outcome.Refusals));
        }

        await Task.Delay(1100);
        await using var one = first.Services.CreateAsyncScope();
        await using var other = second.Services.CreateAsyncScope();
        var published = await Task.WhenAll(
            one.ServiceProvider.GetRequiredService<Publisher>().PublishDueAsync(default),
            other.ServiceProvider.GetRequiredService<Publisher>().PublishDueAsync(default));
        Assert.Equal(1, published.Sum());
        var (scopeDb, check) = first.Db();
        await using (scopeDb)
        {
            Assert.Equal(1, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(check.AuditEvents, e => e.Action == AuditActions.Published && e.Subject == $"statement {id}"));
        }
    }

    private static HttpRequestMessage ThroughProxy(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = "statements.example.org";
        return request;
    }

    private static async Task PublishAsync(BayanApp app, string title)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<StatementWriter>().SaveAsync(new StatementInput
        {
            TypeId = 1,
            Signatories = [1],
            OriginalLanguage = "en",
            Translations = [new TranslationInput { Language = "en", Title = title, Body = $"{title}, this morning." }],
        }, Editor);
        var db = scope.ServiceProvider.GetRequiredService<Bayan.Data.BayanDb>();
        var id = saved.StatementId!.Value;
        Assert.True((await scope.ServiceProvider.GetRequiredService<Publisher>().PublishAsync(id, (await db.Statements.FindAsync(id))!.ConcurrencyStamp, Editor)).Succeeded);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (within ?? TimeSpan.FromSeconds(2)))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
