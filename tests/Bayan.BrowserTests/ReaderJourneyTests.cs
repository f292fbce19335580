using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bayan.BrowserTests;

[Collection(BrowserDefinition.Name)]
public class ReaderJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task A_reader_opens_the_listing_follows_read_more_and_switches_to_persian()
    {
        var page = await browser.OpenAsync("/en/");
        await page.ScreenshotAsync(new() { Path = Shot("en-listing.png"), FullPage = true });

        // Follow "Read more" on the first statement that also exists in Persian.
        var entries = page.Locator("article.entry");
        string? title = null;
        for (var i = 0; i < await entries.CountAsync(); i++)
        {
            var entry = entries.Nth(i);
            await entry.Locator("a.read-more").ClickAsync();
            if (await page.Locator("head link[hreflang=fa]").CountAsync() > 0)
            {
                title = await page.Locator("h1").TextContentAsync();
                break;
            }

            await page.GoBackAsync();
        }

        Assert.NotNull(title);
        Assert.Equal("ltr", await page.Locator("html").GetAttributeAsync("dir"));

        await page.Locator(".languages a[hreflang=fa]").ClickAsync();
        await page.WaitForURLAsync("**/fa/statements/**");

        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("fa", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.NotEqual(title, await page.Locator("h1").TextContentAsync());
        // Mirrored layout: the site's name sits on the right, the language switcher on the left.
        var brand = (await page.Locator(".brand").BoundingBoxAsync())!;
        var languages = (await page.Locator(".languages").BoundingBoxAsync())!;
        Assert.True(brand.X > languages.X, $"brand at x={brand.X} should be right of the language switcher at x={languages.X}");
        await page.ScreenshotAsync(new() { Path = Shot("fa-statement.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Pages_fit_a_320_pixel_phone_without_sideways_scrolling()
    {
        foreach (var path in new[] { "/en/", "/fa/", "/ar/statements?type=joint-statement" })
        {
            var page = await browser.OpenAsync(path, width: 320, height: 640);

            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");

            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 320px screen");
        }

        var phone = await browser.OpenAsync("/fa/", width: 360, height: 780);
        await phone.ScreenshotAsync(new() { Path = Shot("fa-phone.png") });
    }

    [BrowserFact]
    public async Task The_api_reference_shows_the_endpoints_without_breaking_the_content_security_policy()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.App.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                refused.Add(message.Text);
            }
        };
        var external = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.App.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                external.Add(request.Url);
            }
        };

        await page.GotoAsync("/api/reference");

        await page.GetByText("Public statements, newest first").First.WaitForAsync(new() { Timeout = 20_000 });
        Assert.DoesNotContain(refused, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Empty(external);
    }

    [BrowserFact]
    public async Task Reading_works_without_javascript()
    {
        var page = await browser.OpenAsync("/ar/", javaScript: false);

        await page.Locator("a.read-more").First.ClickAsync();

        Assert.Contains("/ar/statements/", page.Url);
        Assert.NotEmpty(await page.Locator(".statement-body p").AllTextContentsAsync());
    }

    [BrowserFact]
    public async Task Filters_are_applied_from_the_form_and_removed_from_a_chip()
    {
        var page = await browser.OpenAsync("/en/statements");
        await page.Locator("details.filters summary").ClickAsync();
        await page.Locator("#filter-type").SelectOptionAsync("joint-statement");
        await page.Locator("#filter-org").SelectOptionAsync("sepehr");
        await page.Locator(".filters-form button").ClickAsync();

        Assert.Contains("type=joint-statement", page.Url);
        Assert.All(await page.Locator(".entry-label").AllTextContentsAsync(), label => Assert.Equal("Joint statement", label));
        Assert.Equal(2, await page.Locator(".active-filters a.chip:not(.chip-clear)").CountAsync());

        await page.Locator(".active-filters a.chip").First.ClickAsync();

        Assert.DoesNotContain("type=", page.Url);
        Assert.Contains("org=sepehr", page.Url);
    }

    [BrowserFact]
    public async Task Pages_have_no_accessibility_violations()
    {
        foreach (var (path, width) in new[]
        {
            ("/en/", 1280), ("/fa/", 1280), ("/ar/statements?type=joint-statement&page=1", 390), ("/fa/no-such-page", 1280),
            ("/en/search?q=convoy", 1280), ("/fa/search?q=%DA%A9%D9%88%D8%AF%DA%A9%D8%A7%D9%86", 390), ("/ar/search?q=zzzz", 1280),
        })
        {
            var page = await browser.OpenAsync(path, width: width);
            var statement = await page.Locator("a.read-more").CountAsync() > 0 ? await page.Locator("a.read-more").First.GetAttributeAsync("href") : null;
            if (path.Contains("/search", StringComparison.Ordinal))
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"search-{path[1..3]}-{width}.png"), FullPage = true });
            }


            await AssertAccessibleAsync(page, path);
            if (statement is not null)
            {
                await page.GotoAsync(statement);
                await AssertAccessibleAsync(page, statement);
            }
        }
    }

    [BrowserFact]
    public async Task A_reader_checks_a_forged_copy_and_a_signed_statement_on_a_phone_in_Persian()
    {
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await Bayan.Verification.VerificationFeature.SignSampleContentAsync(scope.ServiceProvider);
        }

        var listing = await browser.OpenAsync("/fa/", width: 390);
        await listing.Locator("a.read-more").First.ClickAsync();
        Assert.StartsWith("امضاشده از سوی سازمان", (await listing.Locator(".statement-verified span").TextContentAsync())!.Trim());
        await listing.ScreenshotAsync(new() { Path = Shot("statement-signed-fa-390.png") });
        await AssertAccessibleAsync(listing, listing.Url);
        var body = await listing.Locator(".statement-body").InnerTextAsync();

        var page = await browser.OpenAsync("/fa/verify", width: 390);
        var words = body.Split(' ');
        await page.Locator("#verify-text").FillAsync(string.Join(' ', words.Take(words.Length / 2)) + " و هیچ‌کس را نمی‌بخشیم " + string.Join(' ', words.Skip(words.Length / 2)));
        await page.Locator(".verify-form button").ClickAsync();

        Assert.Equal("این متن، آن‌گونه که هست، از ما نیست: با آنچه منتشر کرده‌ایم فرق دارد.", await page.Locator("#verdict").TextContentAsync());
        Assert.True(await page.Locator(".verify-close .diff ins").CountAsync() > 0);
        await page.ScreenshotAsync(new() { Path = Shot("verify-forged-fa-390.png"), FullPage = true });
        await AssertAccessibleAsync(page, "/fa/verify (a forged text)");

        await page.Locator("#verify-text").FillAsync(body);
        await page.Locator(".verify-form button").ClickAsync();
        Assert.Equal("بله: این بیانیهٔ ماست، کلمه به کلمه.", await page.Locator("#verdict").TextContentAsync());
        await AssertAccessibleAsync(page, "/fa/verify (a genuine text)");

        var about = await browser.OpenAsync("/en/verification");
        await about.ScreenshotAsync(new() { Path = Shot("verification-en-1280.png"), FullPage = true });
        await AssertAccessibleAsync(about, "/en/verification");
    }

    private static async Task AssertAccessibleAsync(IPage page, string path)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(' ', n.Target)))})");
        Assert.True(result.Violations.Length == 0, $"{path}:\n" + string.Join('\n', violations));
    }

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);
}
