using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bayan.Operations;

/// <summary>"Bayan:Operations": running behind a proxy, metrics, shutting down.</summary>
public sealed class OperationsOptions
{
    /// <summary>Proxies (beside the loopback addresses) whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation (10.0.0.0/8).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>When set, /metrics answers Prometheus on this port only (add the port to --urls); never on the public one.</summary>
    public int? PrometheusPort { get; set; }

    /// <summary>How long a stopping instance lets requests in flight finish.</summary>
    public int ShutdownSeconds { get; set; } = 30;
}

/// <summary>
/// What an operator needs to run Bayan behind a proxy and watch it: forwarded headers from known proxies, health probes,
/// OpenTelemetry metrics and traces (ASP.NET Core, HttpClient, EF Core, the runtime) exported over OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set and scraped by Prometheus when a port is given, and a shutdown that lets requests
/// in flight finish.
/// </summary>
public static class OperationsFeature
{
    public const string Section = "Bayan:Operations";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<OperationsOptions>() ?? new OperationsOptions();
        services.Configure<OperationsOptions>(configuration.GetSection(Section));
        services.AddHealth();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(0, options.ShutdownSeconds)));
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Loopback proxies (nginx on the same machine) are known by default; others must be named.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in options.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in options.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (otlp || options.PrometheusPort is not null)
        {
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService("bayan", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
                .WithMetrics(metrics =>
                {
                    metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                    if (options.PrometheusPort is not null)
                    {
                        metrics.AddPrometheusExporter();
                    }

                    if (otlp)
                    {
                        metrics.AddOtlpExporter();
                    }
                })
                .WithTracing(tracing =>
                {
                    tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddEntityFrameworkCoreInstrumentation();
                    if (otlp)
                    {
                        tracing.AddOtlpExporter();
                    }
                });
        }

        return services;
    }

    /// <summary>
    /// First in the pipeline: everything after it sees the reader's address and scheme, not the proxy's. Prometheus is
    /// answered by the port a connection arrived on — never by a Host header, which any reader can write.
    /// </summary>
    public static IApplicationBuilder UseOperations(this IApplicationBuilder app, IConfiguration configuration)
    {
        app.UseForwardedHeaders();
        app.UseHealthProbes();
        if (configuration.GetSection(Section).Get<OperationsOptions>()?.PrometheusPort is { } port)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Connection.LocalPort == port && context.Request.Path == "/metrics");
        }

        return app;
    }

}
