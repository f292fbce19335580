using Bayan.Attachments;
using Bayan.Data;
using Bayan.Demo;

namespace Bayan.Cli;

/// <summary>The services a verb needs (database, file store), configured exactly as the site is.</summary>
internal static class VerbHost
{
    public static async Task<IHost> StartAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(hostArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBayanDatabase(builder.Configuration);
        builder.Services.AddAttachments();
        builder.Services.AddDemo();
        var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await DatabaseSetup.PrepareAsync(scope.ServiceProvider.GetRequiredService<BayanDb>(), cancellationToken);
        return host;
    }
}
