using Bayan.Accounts;
using Bayan.Attachments;
using Bayan.Data;
using Bayan.Demo;
using Bayan.Import;
using Bayan.Search;
using Bayan.Verification;

namespace Bayan.Cli;

/// <summary>The services a verb needs (database, file store), configured exactly as the site is.</summary>
internal static class VerbHost
{
    public static async Task<IHost> StartAsync(string[] hostArgs, CancellationToken cancellationToken, bool prepareDatabase = true)
    {
        var builder = Host.CreateApplicationBuilder(hostArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBayanDatabase(builder.Configuration);
        builder.Services.AddAttachments();
        builder.Services.AddDemo();
        builder.Services.AddAccountStores();
        builder.Services.AddSearch();
        builder.Services.AddImport(builder.Configuration);
        builder.Services.AddVerification();
        var host = builder.Build();
        if (prepareDatabase)
        {
            await PrepareAsync(host, cancellationToken);
        }

        return host;
    }

    public static async Task PrepareAsync(IHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        await DatabaseSetup.PrepareAsync(db, cancellationToken);
        await AccountsSetup.EnsureRolesAsync(db, cancellationToken);
    }
}
