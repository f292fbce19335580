using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bayan.Tests.Webhooks;

/// <summary>A webhook receiver on a loopback port: records every POST, and answers 500 to the first <see cref="FailNext"/>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public int FailNext { get; set; }

    public Uri Url => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Requests.Enqueue(new Received(
                context.Request.Headers["webhook-id"].ToString(),
                context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(),
                context.Request.ContentType ?? "",
                body));
            if (receiver.FailNext > 0)
            {
                receiver.FailNext--;
                return Results.StatusCode(500);
            }

            return Results.NoContent();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public sealed record Received(string Id, string Timestamp, string Signature, string ContentType, string Body);
}
