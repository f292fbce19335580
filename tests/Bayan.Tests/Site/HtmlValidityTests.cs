using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Site;

/// <summary>Every kind of page passes the W3C Nu HTML checker (vnu.jar, installed by `npm ci` in tests/tools).</summary>
[Collection(DemoSiteDefinition.Name)]
public class HtmlValidityTests(DemoSiteFixture site)
{
    public static string ValidatorJar { get; } = Path.Combine(RepositoryPaths.Root, "tests", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    [ValidatorFact]
    public async Task Pages_pass_the_nu_html_checker()
    {
        await using (var scope = site.App.Services.CreateAsyncScope())
        {
            // Statement pages then carry the mark of their signed version.
            await Bayan.Verification.VerificationFeature.SignSampleContentAsync(scope.ServiceProvider);
        }

        var listing = await site.App.GetHtmlAsync("/fa/statements");
        var statement = listing.QuerySelector("a.read-more")!.GetAttribute("href")!;
        string[] urls =
        [
            "/en/", "/fa/", "/ar/", "/en/statements?type=joint-statement&org=sepehr", "/en/statements?type=open-letter&series=announcements",
            "/ar/organizations/open-wells", "/fa/years/1400", "/en/tags/water", statement, "/fa/no-such-page", "/en/statements?page=0",
            "/admin/sign-in", "/admin/forgot-password", "/admin/reset-password?email=someone%40example.org&token=abc",
            "/en/search?q=convoy", "/fa/search?q=%DA%A9%D9%88%D8%AF%DA%A9%D8%A7%D9%86&languages=all", "/en/search?q=convoyz", "/ar/search",
            "/en/verification", "/fa/verification", "/ar/verify",
        ];
        var editor = await site.App.CreateClientAsAsync(Bayan.Accounts.Roles.Administrator);
        string[] backOffice = ["/admin", "/admin/statements", "/admin/statements/new", "/admin/statements/1", "/admin/statements/1/history/en", "/admin/account", "/admin/users", "/admin/settings", "/admin/taxonomy/series", "/admin/audit", "/admin/tokens", "/admin/webhooks"];
        var directory = Directory.CreateTempSubdirectory("bayan-vnu-");
        try
        {
            var files = new List<string>();
            foreach (var (url, index) in urls.Concat(backOffice).Select((u, i) => (u, i)))
            {
                var client = backOffice.Contains(url) ? editor : site.App.Client;
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var file = Path.Combine(directory.FullName, $"page{index}.html");
                await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
                files.Add(file);
            }

            // The answer to a pasted text: a copy of a statement with a sentence added, its differences marked.
            var body = Bayan.Core.Verification.TextFingerprint.BodyText((await site.App.GetHtmlAsync(statement)).QuerySelector(".statement-body")!.InnerHtml);
            using (var answer = await BayanApp.PostFormAsync(site.App.Client, "/fa/verify", new() { ["Text"] = body + " و یک جملهٔ افزوده." }))
            {
                var file = Path.Combine(directory.FullName, "verify-answer.html");
                await File.WriteAllTextAsync(file, await answer.Content.ReadAsStringAsync());
                files.Add(file);
            }

            var (exitCode, output) = await RunValidatorAsync(files);

            // Warnings count as failures too, as well as errors.
            var problems = output.Contains("error:", StringComparison.OrdinalIgnoreCase) || output.Contains("warning:", StringComparison.OrdinalIgnoreCase);
            Assert.True(exitCode == 0 && !problems, $"vnu.jar found problems:\n{output}\n(pages: {string.Join(", ", urls.Concat(backOffice).Select((u, i) => $"page{i}={u}"))})");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    internal static async Task<(int ExitCode, string Output)> RunValidatorAsync(IEnumerable<string> files)
    {
        var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-jar", ValidatorJar, "--format", "text" }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output.Trim());
    }
}

/// <summary>Skipped with a message where Java or vnu.jar is missing, except in CI (CI=true), where it must run.</summary>
public sealed class ValidatorFactAttribute : FactAttribute
{
    public ValidatorFactAttribute()
    {
        if (!File.Exists(HtmlValidityTests.ValidatorJar) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "The Nu HTML checker is not installed: run `npm ci --prefix tests/tools` (and install Java); CI runs this test.";
        }
    }
}
