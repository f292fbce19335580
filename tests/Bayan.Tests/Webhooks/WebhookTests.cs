using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bayan.Accounts;
using Bayan.Core;
using Bayan.Publishing;
using Bayan.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bayan.Tests.Webhooks;

/// <summary>
/// Webhooks end to end: an administrator registers a receiver on a loopback port in the back office; publishing,
/// correcting and withdrawing post events to it, signed so that the receiver's own check (written here from the Standard
/// Webhooks description) accepts them; a failing receiver is retried on the backoff schedule, as the log shows.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private static readonly Actor Editor = new("editor-id", "editor@example.org", new HashSet<string> { Roles.Editor });

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private BayanApp app = null!;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        app = await BayanApp.StartAsync(demo: true, clock, "--Bayan:Webhooks:AllowPrivateAddresses=true", "--Bayan:Webhooks:PollSeconds=1",
            "--Bayan:PublicUrl=https://statements.example.org", "--Bayan:SchedulerSeconds=3600");
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task Publishing_correcting_and_withdrawing_post_signed_events_the_receiver_can_verify()
    {
        var (admin, secret) = await RegisterAsync(receiver.Url.ToString(), WebhookEvents.All);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);

        var id = await DraftAsync("Water returns to Kalat");
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);
        var published = await NextAsync();
        Assert.Equal("application/json; charset=utf-8", published.ContentType);
        Assert.True(Verify(secret, published), "the signature checks out with the secret the page showed");
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), published.Timestamp);
        var body = JsonDocument.Parse(published.Body).RootElement;
        Assert.Equal("statement.published", body.GetProperty("type").GetString());
        var data = body.GetProperty("data");
        Assert.Equal(id, data.GetProperty("id").GetInt32());
        Assert.Equal($"https://statements.example.org/api/v1/statements/{id}", data.GetProperty("api_url").GetString());
        Assert.Equal($"https://statements.example.org/en/statements/{id}/water-returns-to-kalat", data.GetProperty("translations").GetProperty("en").GetProperty("url").GetString());

        // A signature made with another secret, or over another body, does not check out.
        Assert.False(Verify("whsec_" + Convert.ToBase64String(new byte[32]), published));
        Assert.False(Verify(secret, published with { Body = published.Body.Replace("Kalat", "Kalàt", StringComparison.Ordinal) }));

        var corrected = Input(id, "Water returns to Kalat", "Four wells, not three.");
        Assert.True((await With<StatementWriter>(w => w.SaveAsync(corrected, Editor))).Succeeded);
        Assert.True((await With(p => p.PublishChangesAsync(id, StampOf(id), new Dictionary<string, string?> { ["en"] = "Four wells." }, Editor))).Succeeded);
        var correction = await NextAsync();
        Assert.Equal("statement.corrected", JsonDocument.Parse(correction.Body).RootElement.GetProperty("type").GetString());

        Assert.True((await With(p => p.WithdrawAsync(id, StampOf(id), LocalizedText.Of("en", "Issued in error."), Editor))).Succeeded);
        var withdrawn = await NextAsync();
        Assert.Equal("withdrawn", JsonDocument.Parse(withdrawn.Body).RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(3, new[] { published.Id, correction.Id, withdrawn.Id }.Distinct().Count());

        // The log shows each delivery delivered.
        var log = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await admin.GetStringAsync("/admin/webhooks"));
        Assert.Equal(3, log.QuerySelectorAll(".status-published").Length);

        // A refused transition announces nothing.
        Assert.False((await With(p => p.WithdrawAsync(id, "stale", LocalizedText.Of("en", "Again."), Editor))).Succeeded);
        await WithDbAsync(async db => Assert.Equal(3, await db.WebhookDeliveries.CountAsync()));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_backoff_until_it_answers_and_the_log_says_so()
    {
        var (admin, _) = await RegisterAsync(receiver.Url.ToString(), [WebhookEvents.Published]);
        receiver.FailNext = 2;
        var test = await BayanApp.PostFormAsync(admin, "/admin/webhooks", new(), "form[action*='handler=test']");
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);

        await UntilAsync(async () => (await DeliveryAsync()).Attempts == 1);
        var first = await DeliveryAsync();
        Assert.Equal(500, first.LastStatusCode);
        Assert.Null(first.DeliveredAt);
        Assert.Equal(first.LastAttemptAt!.Value.AddSeconds(10), first.NextAttemptAt);
        Assert.Contains("Retrying", await admin.GetStringAsync("/admin/webhooks"), StringComparison.Ordinal);

        // Nothing more before its time; then the second attempt (fails), then the third a minute later (answers).
        await Task.Delay(300);
        Assert.Single(receiver.Requests);
        await UntilAsync(async () => (await DeliveryAsync()).Attempts == 2, TimeSpan.FromSeconds(1));
        var second = await DeliveryAsync();
        Assert.Equal(second.LastAttemptAt!.Value.AddMinutes(1), second.NextAttemptAt);
        await UntilAsync(async () => (await DeliveryAsync()).DeliveredAt is not null, TimeSpan.FromSeconds(5));

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
        Assert.Equal("ping", JsonDocument.Parse(receiver.Requests.First().Body).RootElement.GetProperty("type").GetString());
        var delivered = await DeliveryAsync();
        Assert.Equal((3, 204), (delivered.Attempts, delivered.LastStatusCode));
    }

    [Fact]
    public async Task A_paused_webhook_keeps_its_events_until_resumed_and_one_for_other_events_gets_none()
    {
        var (admin, _) = await RegisterAsync(receiver.Url.ToString(), [WebhookEvents.Published]);
        await RegisterAsync(receiver.Url + "?withdrawals", [WebhookEvents.Withdrawn], admin);
        var paused = await BayanApp.PostFormAsync(admin, "/admin/webhooks", new(), "form[action*='handler=pause&webhook=1']");
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);

        var id = await DraftAsync("Winter kits reach Sarab");
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);
        await Task.Delay(1500);
        Assert.Empty(receiver.Requests);
        await WithDbAsync(async db => Assert.Equal([1], await db.WebhookDeliveries.Select(d => d.WebhookId).ToListAsync()));

        await BayanApp.PostFormAsync(admin, "/admin/webhooks", new(), "form[action*='handler=pause&webhook=1']");
        await NextAsync();
    }

    [Fact]
    public async Task Private_addresses_are_refused_unless_the_configuration_allows_them()
    {
        await using var strict = await BayanApp.StartAsync(demo: false, "--Bayan:Webhooks:PollSeconds=1");
        var admin = await strict.CreateClientAsAsync(Roles.Administrator);
        var added = await BayanApp.PostFormAsync(admin, "/admin/webhooks", new() { ["Address"] = receiver.Url.ToString() });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        await BayanApp.PostFormAsync(admin, "/admin/webhooks", new(), "form[action*='handler=test']");
        for (var i = 0; i < 100 && !(await admin.GetStringAsync("/admin/webhooks")).Contains("private or local address", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains("private or local address", await admin.GetStringAsync("/admin/webhooks"), StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Only_administrators_manage_webhooks_and_bad_addresses_are_refused()
    {
        var editor = await app.CreateClientAsAsync(Roles.Editor);
        var refused = await editor.GetAsync("/admin/webhooks");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/admin/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);

        var admin = await app.CreateClientAsAsync(Roles.Administrator);
        foreach (var bad in new[] { "not a url", "ftp://example.org/hook", "/relative/hook", "https://" + new string('a', 600) + ".org" })
        {
            var response = await BayanApp.PostFormAsync(admin, "/admin/webhooks", new() { ["Address"] = bad });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }

        await WithDbAsync(async db => Assert.Equal(0, await db.Webhooks.CountAsync()));
    }

    /// <summary>Standard Webhooks verification, written from its description: HMAC-SHA256 over "id.timestamp.body".</summary>
    private static bool Verify(string secret, WebhookReceiver.Received received)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.{received.Body}")));
        return received.Signature.Split(' ').Any(s => s == "v1," + expected);
    }

    private async Task<(HttpClient Admin, string Secret)> RegisterAsync(string url, IEnumerable<string> events, HttpClient? admin = null)
    {
        admin ??= await app.CreateClientAsAsync(Roles.Administrator);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await admin.GetStringAsync("/admin/webhooks"));
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action*='handler=add']")!;
        var fields = BayanApp.FormValues(form).Where(f => f.Key != "Events").ToList();
        fields.Add(new("Address", url));
        fields.AddRange(events.Select(e => new KeyValuePair<string, string>("Events", e)));
        fields.RemoveAll(f => f.Key == "Address" && f.Value != url);
        var response = await admin.PostAsync("/admin/webhooks?handler=add", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var secret = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("#new-secret")!.GetAttribute("value")!;
        return (admin, secret);
    }

    private async Task<WebhookReceiver.Received> NextAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (receiver.Requests.TryDequeue(out var received))
            {
                return received;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The receiver got nothing within 10 seconds.");
    }

    /// <summary>Waits (real time) until <paramref name="condition"/> holds, moving the site's clock by <paramref name="step"/> each round.</summary>
    private async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? step = null)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            if (step is { } by)
            {
                clock.Advance(by);
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("Not reached within 10 seconds.");
    }

    private async Task<WebhookDelivery> DeliveryAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Data.BayanDb>().WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).LastAsync();
    }

    private async Task<int> DraftAsync(string title)
    {
        var outcome = await With<StatementWriter>(w => w.SaveAsync(Input(null, title, "The statement's text."), Editor));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Refusals));
        return outcome.StatementId!.Value;
    }

    private StatementInput Input(int? id, string title, string body)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.BayanDb>();
        return new StatementInput
        {
            Id = id,
            ConcurrencyStamp = id is { } existing ? StampOf(existing) : null,
            TypeId = db.StatementTypes.Single(t => t.Slug == "statement").Id,
            Signatories = [db.Organizations.Single(o => o.Slug == "sepehr").Id],
            OriginalLanguage = "en",
            Translations = [new TranslationInput { Language = "en", Title = title, Body = body }],
        };
    }

    private string StampOf(int id)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<Data.BayanDb>().Statements.Where(s => s.Id == id).Select(s => s.ConcurrencyStamp).Single()!;
    }

    private Task<Outcome> With(Func<Publisher, Task<Outcome>> act) => With<Publisher>(act);

    private async Task<Outcome> With<T>(Func<T, Task<Outcome>> act)
        where T : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<T>());
    }

    private async Task WithDbAsync(Func<Data.BayanDb, Task> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<Data.BayanDb>());
    }
}

/// <summary>What the dispatcher refuses to connect to unless Bayan:Webhooks:AllowPrivateAddresses is set.</summary>
public sealed class PrivateAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("64:ff9b::a00:5", true)]
    [InlineData("2002:a00:1::1", true)]
    [InlineData("::10.0.0.1", true)]
    [InlineData("198.18.0.1", true)]
    [InlineData("64:ff9b::5db8:d822", false)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:2800:220:1::1", false)]
    public void Private_and_local_addresses_are_recognized(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, WebhooksFeature.IsPrivate(IPAddress.Parse(address)));
}
