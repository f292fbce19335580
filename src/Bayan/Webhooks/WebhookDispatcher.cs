using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Webhooks;

/// <summary>
/// Sends due deliveries, each as a POST signed after Standard Webhooks (headers webhook-id, webhook-timestamp and
/// webhook-signature: "v1," and the base64 HMAC-SHA256 of "id.timestamp.body" with the webhook's secret). A 2xx answer
/// delivers it; anything else, or no answer in ten seconds, is tried again 10 s later, then 1 min, 10 min, 1 h, 6 h and
/// 24 h after each failure, then given up (a 410 Gone gives up at once). Several instances can run it: each claims a delivery before sending.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory clients, TimeProvider time, IConfiguration configuration, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string Client = "webhooks";

    /// <summary>How long after the first attempt each retry comes; the first attempt is at once.</summary>
    public static readonly TimeSpan[] Retries =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24)];

    /// <summary>Delivered and failed deliveries are kept this long for the log, then forgotten.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    private readonly SemaphoreSlim nudged = new(0, 1);

    /// <summary>Wakes the dispatcher now, after a commit added deliveries.</summary>
    public void Nudge()
    {
        if (nudged.CurrentCount == 0)
        {
            try
            {
                nudged.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Bayan:Webhooks:PollSeconds", 5)));
        var lastPruned = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0)
                {
                }

                if (time.GetUtcNow().UtcDateTime - lastPruned > TimeSpan.FromHours(1))
                {
                    lastPruned = time.GetUtcNow().UtcDateTime;
                    await PruneAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Sending webhooks failed; trying again in {Interval}.", interval);
            }

            // Until nudged, or the poll interval (on the site's clock, so tests can move it) passes.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(interval, time, wait.Token);
            await Task.WhenAny(nudged.WaitAsync(wait.Token), delay);
            await wait.CancelAsync();
        }
    }

    /// <summary>Sends the deliveries due now (up to 20); returns how many it sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.WebhookDeliveries
            .Where(d => d.DeliveredAt == null && d.FailedAt == null && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now))
            .Where(d => db.Webhooks.Any(w => w.Id == d.WebhookId && w.IsActive))
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(20).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            // Claimed by one instance at a time, and only while still due (another may have sent it since the list was
            // read); the lease outlasts a send (ten seconds at most), and a crash mid-send frees it two minutes later.
            var at = time.GetUtcNow().UtcDateTime;
            var claimed = await db.WebhookDeliveries
                .Where(d => d.Id == id && d.DeliveredAt == null && d.FailedAt == null && d.NextAttemptAt <= at && (d.LockedUntil == null || d.LockedUntil < at))
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.LockedUntil, at.AddMinutes(2)), cancellationToken);
            if (claimed == 1)
            {
                await SendAsync(db, id, cancellationToken);
                sent++;
            }
        }

        return sent;
    }

    private async Task SendAsync(BayanDb db, int id, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.FirstAsync(d => d.Id == id, cancellationToken);
        var hook = await db.Webhooks.AsNoTracking().FirstAsync(w => w.Id == delivery.WebhookId, cancellationToken);
        var now = time.GetUtcNow();
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", Sign(hook.Secret, delivery.MessageId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("Bayan-Webhooks/1");

        delivery.Attempts++;
        delivery.LastAttemptAt = now.UtcDateTime;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            delivery.LastStatusCode = (int)response.StatusCode;
            delivery.LastError = response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}";
            if (response.IsSuccessStatusCode)
            {
                delivery.DeliveredAt = time.GetUtcNow().UtcDateTime;
            }
            else if (response.StatusCode == System.Net.HttpStatusCode.Gone)
            {
                delivery.FailedAt = time.GetUtcNow().UtcDateTime;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            delivery.LastStatusCode = null;
            var reason = e is TaskCanceledException ? "No answer within 10 seconds." : (e.InnerException?.Message ?? e.Message);
            delivery.LastError = reason[..Math.Min(reason.Length, 500)];
        }

        if (delivery.DeliveredAt is null && delivery.FailedAt is null)
        {
            if (delivery.Attempts > Retries.Length)
            {
                delivery.FailedAt = time.GetUtcNow().UtcDateTime;
            }
            else
            {
                delivery.NextAttemptAt = now.UtcDateTime.Add(Retries[delivery.Attempts - 1]);
            }
        }

        delivery.LockedUntil = null;
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Webhook {Event} to {Url}: attempt {Attempt}, {Result} in {Elapsed} ms.",
            delivery.Event, hook.Url, delivery.Attempts, delivery.DeliveredAt is not null ? "delivered" : delivery.LastError, watch.ElapsedMilliseconds);
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var before = time.GetUtcNow().UtcDateTime - KeptFor;
        await scope.ServiceProvider.GetRequiredService<BayanDb>().WebhookDeliveries
            .Where(d => (d.DeliveredAt != null || d.FailedAt != null) && d.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>"v1," and the base64 HMAC-SHA256 of "id.timestamp.body", keyed with the secret's bytes (Standard Webhooks).</summary>
    public static string Sign(string secret, string messageId, string timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
