using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Operations;

/// <summary>Running behind a proxy and a load balancer: health probes, forwarded headers, metrics on their own port.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task Readiness_fails_while_the_schema_is_behind_and_liveness_does_not()
    {
        await using var app = await BayanApp.StartAsync(demo: false);
        foreach (var path in new[] { "/healthz/live", "/healthz/ready", "/healthz" })
        {
            using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal((HttpStatusCode.OK, "ok\n"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }

        // The database taken one migration back, as when a new version's instance has not migrated it yet (on a
        // provider with one migration so far, back to none).
        var (scope, db) = app.Db();
        await using (scope)
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations.Count > 1 ? migrations[^2] : Migration.InitialDatabase);
        }

        using (var ready = await app.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("database: the schema is 1 migration(s) behind", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var live = await app.Client.GetAsync(new Uri("/healthz/live", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        (scope, db) = app.Db();
        await using (scope)
        {
            await db.Database.MigrateAsync();
        }

        using var again = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_proxy_on_the_same_machine_is_believed_about_the_scheme_readers_used()
    {
        await using var app = await BayanApp.StartAsync(demo: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/en/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await app.Client.SendAsync(request);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("https://", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);

        var plain = await app.GetHtmlAsync("/en/");
        Assert.StartsWith("http://", plain.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_reads_metrics_on_its_own_port_and_readers_cannot()
    {
        var metricsPort = LoopbackPort.Free();
        await using var app = await BayanApp.StartAsync(false, $"--urls=http://127.0.0.1:0;http://127.0.0.1:{metricsPort}", $"--Bayan:Operations:PrometheusPort={metricsPort}");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        using var site = new HttpClient { BaseAddress = new Uri(addresses.Single(a => !a.EndsWith($":{metricsPort}", StringComparison.Ordinal))) };
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };

        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync(new Uri("/en/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        // Whatever Host a reader (or a proxy passing theirs on) writes.
        using (var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            spoofed.Headers.Host = $"statements.example.org:{metricsPort}";
            Assert.Equal(HttpStatusCode.NotFound, (await site.SendAsync(spoofed)).StatusCode);
        }

        var scraped = await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("http_server_request_duration_seconds", scraped, StringComparison.Ordinal);
    }
#if POSTGRES
    [Fact]
    public async Task A_read_only_database_keeps_serving_readers_refuses_writes_with_503_and_the_probe_says_so()
    {
        await using var app = await BayanApp.StartAsync(true, "--Bayan:CacheSeconds=0");
        await app.CreateUserAsync("editor@example.org", Bayan.Accounts.Roles.Editor);
        var (scope, db) = app.Db();
        await using (scope)
        {
            var name = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Database!;
            var sql = "ALTER DATABASE \"" + name + "\" SET default_transaction_read_only = on";
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/en/statements", UriKind.Relative))).StatusCode);
        using (var ready = await app.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("database: read-only: nothing can be published", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Signing in stores a session: refused as a 503, to try again, rather than a 500.
        var (_, response) = await app.SignInAsync("editor@example.org", BayanApp.DefaultPassword);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
#endif

#if POSTGRES
    [Fact]
    public async Task While_the_database_server_is_down_pages_answer_503_probes_tell_it_and_the_site_recovers_by_itself()
    {
        // A server of its own, to stop: the run's shared one serves the other tests.
        await using var server = await PostgresServer.StartAsync();
        await server.ExecuteAsync("CREATE DATABASE bayan");
        await using var app = await BayanApp.StartAsync(true, "--Bayan:CacheSeconds=0", "--ConnectionStrings:Bayan=" + server.ConnectionString("bayan"));
        var editor = await app.CreateClientAsAsync(Bayan.Accounts.Roles.Editor);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/fa/statements", UriKind.Relative))).StatusCode);

        await server.StopAsync();
        using (var page = await app.Client.GetAsync(new Uri("/fa/statements", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("10", page.Headers.GetValues("Retry-After").Single());
            Assert.Contains("سایت لحظاتی در دسترس نیست", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var ready = await app.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("database: unreachable", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Liveness is answered before a sign-in cookie is looked up in the database.
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(new Uri("/healthz/live", UriKind.Relative))).StatusCode);

        await server.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/fa/statements", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
    }
#endif
}
