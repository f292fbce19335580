using System.CommandLine;
using Bayan.Mirror;
using Bayan.Shared;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

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
            if (BaseUrlProblem(address) is { } problem)
            {
                await Console.Error.WriteLineAsync($"bayan: --base-url {problem}, such as https://mirror.example.org/statements/, not \"{address}\".");
                return 2;
            }

            if (!StaticMirror.CanWriteTo(target))
            {
                await Console.Error.WriteLineAsync($"bayan: {target} holds other files. Give a new or empty directory (or one static-site wrote before), so nothing of yours is overwritten.");
                return 1;
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var baseUri = new Uri(address);
            var publicUrl = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            await using var app = Site.Build(
                [.. hostArgs, $"--Bayan:PublicUrl={publicUrl}", "--Bayan:CacheSeconds=0", "--Logging:LogLevel:Default=Warning"],
                configureServices: AnswerInMemory);
            if (await SiteProblemAsync(app) is { } refusal)
            {
                await Console.Error.WriteLineAsync($"bayan: {refusal}");
                return 1;
            }

            await app.StartAsync(cancellationToken);
            var languages = app.Services.GetRequiredService<SiteLanguages>();
            using var client = app.GetTestClient();
            MirrorReport report;
            try
            {
                report = await new StaticMirror(client, baseUri, target, languages.Default).WriteAsync(StaticMirror.Starts(languages.All), cancellationToken);
            }
            catch (MirrorException e)
            {
                await Console.Error.WriteLineAsync($"bayan: {e.Message}");
                return 1;
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }

            Console.WriteLine($"Mirrored {report.Pages} pages, {report.Redirects} redirect pages and {report.Files - report.Pages - report.Redirects} other files " +
                $"to {target} for {publicUrl}/ ({report.Written} written, {report.Files - report.Written} unchanged, {report.Deleted} deleted; {watch.Elapsed.TotalSeconds:0.0} s).");
            foreach (var note in report.Notes)
            {
                Console.WriteLine($"  note: {note}");
            }

            foreach (var failure in report.Problems)
            {
                Console.WriteLine($"  error: {failure}");
            }

            if (report.Problems.Count > 0)
            {
                await Console.Error.WriteLineAsync($"bayan: {report.Problems.Count} address(es) could not be mirrored (above); they keep their earlier version, and nothing was deleted.");
                return 1;
            }

            return 0;
        });
        return command;
    }

    /// <summary>Why a base URL cannot be the mirror's, or null when it can.</summary>
    internal static string? BaseUrlProblem(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return "must be an http or https address without a query";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "must not carry a user name or password (every page would show them)";
        }

        // Letters, digits and - . _ ~ / only: every file, feed and sitemap names it as it is.
        return Uri.UnescapeDataString(uri.AbsolutePath).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/')
            ? null
            : "must have a path of ASCII letters, digits, - . _ ~ and /";
    }

    /// <summary>
    /// A mirror of the wrong site would replace the right one: refuse a database that is not there or has nothing
    /// published (a mistyped data directory), and a missing web root (styles and fonts: the wrong working directory).
    /// </summary>
    private static async Task<string?> SiteProblemAsync(WebApplication app)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        if (Data.DatabaseSetup.Provider(configuration) == Data.DatabaseProvider.Sqlite && Data.DatabaseSetup.SqliteFile(configuration) is { } file && !File.Exists(file))
        {
            return $"there is no database at {file}: give the site's --Bayan:DataDirectory.";
        }

        var web = app.Services.GetRequiredService<IWebHostEnvironment>();
        if (!web.WebRootFileProvider.GetFileInfo("css/site.css").Exists)
        {
            return $"Bayan's styles are not under {web.WebRootPath ?? web.ContentRootPath}: run from the app's directory (src/Bayan, or where it is published) or add --contentRoot=THAT_DIRECTORY.";
        }

        await Site.PrepareAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.BayanDb>();
        return await db.Translations.AnyAsync(t => t.IsPublished)
            ? null
            : "nothing is published in this site's database: check --Bayan:DataDirectory (a mirror of it would be empty).";
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
