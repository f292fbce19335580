using System.CommandLine;
using Bayan.Mirror;
using Bayan.Shared;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;

namespace Bayan.Cli;

internal static class StaticSiteCommand
{
    public static Command Create(string[] hostArgs)
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "Where to write the mirror: a new or empty directory, or one an earlier run wrote (it is brought up to date)." };
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "The address the mirror will be served at, e.g. https://mirror.example.org/statements/ (its links, feeds and sitemap use it).",
            Required = true,
        };
        var command = new Command("static-site", "Write the public site as static files any web host or CDN can serve, with its links rewritten for --base-url.") { directory, baseUrl };
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = result.GetValue(directory)!.FullName;
            var address = result.GetValue(baseUrl)!;
            if (!Uri.TryCreate(address, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https")
                || baseUri.Query.Length > 0 || baseUri.Fragment.Length > 0)
            {
                await Console.Error.WriteLineAsync($"bayan: --base-url must be an http or https address without a query, such as https://mirror.example.org/, not \"{address}\".");
                return 2;
            }

            if (!StaticMirror.CanWriteTo(target))
            {
                await Console.Error.WriteLineAsync($"bayan: {target} holds other files. Give a new or empty directory (or one static-site wrote before), so nothing of yours is overwritten.");
                return 1;
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var publicUrl = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            await using var app = Site.Build(
                [.. hostArgs, $"--Bayan:PublicUrl={publicUrl}", "--Bayan:CacheSeconds=0", "--Logging:LogLevel:Default=Warning"],
                configureServices: AnswerInMemory);
            await Site.PrepareAsync(app);
            await app.StartAsync(cancellationToken);
            var languages = app.Services.GetRequiredService<SiteLanguages>();
            using var client = app.GetTestClient();
            var mirror = new StaticMirror(client, baseUri, target, languages.Default);
            var report = await mirror.WriteAsync(StaticMirror.Starts(languages.All), cancellationToken);
            await app.StopAsync(cancellationToken);

            Console.WriteLine($"Mirrored {report.Pages} pages and {report.Files - report.Pages} other files to {target} for {publicUrl}/ " +
                $"({report.Written} written, {report.Files - report.Written} unchanged, {report.Deleted} deleted; {watch.Elapsed.TotalSeconds:0.0} s).");
            foreach (var problem in report.Problems)
            {
                Console.WriteLine($"  warning: {problem}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// The site answers the mirror in memory (ASP.NET Core's TestServer: no port, the same pipeline) and runs none of its
    /// own background work — no scheduled publishing, webhooks or mail from a command that only reads.
    /// </summary>
    private static void AnswerInMemory(IServiceCollection services)
    {
        var bayan = typeof(Site).Assembly;
        foreach (var background in services.Where(d => d.ServiceType == typeof(IHostedService)
            && (d.ImplementationType?.Assembly == bayan || d.ImplementationFactory?.Method.DeclaringType?.Assembly == bayan)).ToList())
        {
            services.Remove(background);
        }

        services.AddSingleton<IServer, TestServer>();
        services.AddSingleton(new MirrorMode { IsOn = true });
    }
}
