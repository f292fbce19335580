using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Bayan.Accounts;
using Bayan.Core;
using Bayan.Core.Statements;
using Bayan.Core.Verification;
using Bayan.Data;
using Bayan.Publishing;
using Bayan.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Verification;

/// <summary>/{lang}/verify: what a reader learns about a text or a link they were sent.</summary>
public sealed class VerifyPageTests : IAsyncLifetime
{
    private static readonly Actor Editor = new("editor-id", "editor@example.org", new HashSet<string> { Roles.Editor });

    private BayanApp app = null!;

    public async Task InitializeAsync()
    {
        app = await BayanApp.StartAsync(demo: true, "--Bayan:CacheSeconds=0");
        await using var scope = app.Services.CreateAsyncScope();
        await VerificationFeature.SignSampleContentAsync(scope.ServiceProvider);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_published_text_pasted_with_other_line_breaks_and_its_title_is_ours_word_for_word()
    {
        var (id, title, body) = await PublishedAsync("en");
        var pasted = "  " + title + "\r\n\r\n" + body.Replace(" ", "  \n", StringComparison.Ordinal) + "\n";

        var page = await CheckAsync(pasted);

        Assert.Equal("Yes: this is our statement, word for word.", page.QuerySelector("#verdict")!.TextContent);
        Assert.Equal($"/en/statements/{id}", page.QuerySelector(".verdict a")!.GetAttribute("href"));
        Assert.Matches(@"^Version \d+, signed on", page.QuerySelectorAll(".verdict p")[1].TextContent);
    }

    [Fact]
    public async Task A_Persian_text_typed_with_Arabic_letters_and_digits_is_still_ours()
    {
        var (_, _, body) = await PublishedAsync("fa");
        var retyped = body.Replace('ی', 'ي').Replace('ک', 'ك').Replace('۱', '1');

        var page = await CheckAsync(retyped, "fa");

        Assert.Equal("بله: این بیانیهٔ ماست، کلمه به کلمه.", page.QuerySelector("#verdict")!.TextContent);
    }

    [Fact]
    public async Task A_copy_with_one_sentence_changed_is_not_ours_and_the_change_is_shown()
    {
        var (id, _, body) = await PublishedAsync("en");
        var words = body.Split(' ');
        var forged = string.Join(' ', words.Take(words.Length / 2)) + " and we call for an immediate armed uprising " + string.Join(' ', words.Skip(words.Length / 2));

        var page = await CheckAsync(forged);

        Assert.Equal("This is not our text as it stands: it differs from what we published.", page.QuerySelector("#verdict")!.TextContent);
        var closest = page.QuerySelector(".verify-close")!;
        Assert.Equal($"/en/statements/{id}", closest.QuerySelector("a")!.GetAttribute("href")!.Split('/').Take(4).Aggregate((a, b) => a + "/" + b));
        Assert.Contains("armed uprising", closest.QuerySelector(".diff ins")!.TextContent);
        Assert.Null(page.QuerySelector(".verdict-current"));
        // The box keeps the text's line breaks, so nothing of the page's own indentation may reach it.
        Assert.DoesNotContain("\n ", closest.QuerySelector(".diff")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_page_copied_title_summary_and_text_is_ours_word_for_word()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var translation = await scope.ServiceProvider.GetRequiredService<BayanDb>().Translations.AsNoTracking()
            .Where(t => t.Language == "en" && t.IsPublished && t.Statement.Status == StatementStatus.Published && t.Summary != null && t.Summary != "")
            .OrderBy(t => t.Id).FirstAsync();

        var page = await CheckAsync(translation.Title + "\n\n" + translation.Summary + "\n\n" + TextFingerprint.BodyText(translation.BodyHtml));

        Assert.Equal("Yes: this is our statement, word for word.", page.QuerySelector("#verdict")!.TextContent);
        Assert.Equal($"/en/statements/{translation.StatementId}", page.QuerySelector(".verdict a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_earlier_version_and_a_withdrawn_statement_are_recognized_as_such()
    {
        var id = await PublishAsync("Clinic opening hours", "The clinic opens at eight in the morning every weekday.");
        await CorrectAsync(id, "The clinic opens at nine in the morning every weekday.");

        var earlier = await CheckAsync("The clinic opens at eight in the morning every weekday.");
        Assert.Equal("This is an earlier version of one of our statements: we corrected it since.", earlier.QuerySelector("#verdict")!.TextContent);
        Assert.Equal("eight", earlier.QuerySelector(".diff del")!.TextContent.Trim());
        Assert.Equal("nine", earlier.QuerySelector(".diff ins")!.TextContent.Trim());

        await WithdrawAsync(id);
        var withdrawn = await CheckAsync("The clinic opens at nine in the morning every weekday.");
        Assert.Equal("This is one of our statements, but we withdrew it.", withdrawn.QuerySelector("#verdict")!.TextContent);
        Assert.Contains("Issued by mistake.", withdrawn.QuerySelector(".verdict")!.TextContent);
    }

    [Fact]
    public async Task A_text_unlike_anything_published_is_not_ours()
    {
        var page = await CheckAsync("Quarterly sales of garden furniture rose sharply in the northern provinces this spring.");

        Assert.Equal("We have published nothing like this.", page.QuerySelector("#verdict")!.TextContent);
        Assert.Null(page.QuerySelector(".verify-close"));
    }

    [Theory]
    [InlineData("/en/statements/3/whatever", "This link leads to one of our statement pages.")]
    [InlineData("https://statements.example.net/en/statements/3", "This link is not to our site.")]
    public async Task Links_are_answered_without_being_fetched(string link, string verdict)
    {
        var url = link.StartsWith('/') ? new Uri(app.BaseAddress, link).ToString() : link;

        var page = await CheckAsync(url);

        Assert.Equal(verdict, page.QuerySelector("#verdict")!.TextContent);
    }

    [Fact]
    public async Task Empty_and_oversized_texts_get_a_clear_answer_and_a_form_without_its_token_is_refused()
    {
        var empty = await CheckAsync("   ");
        Assert.Equal("Paste the text you were sent, or a link to it.", empty.QuerySelector("[role=alert]")!.TextContent);

        using var response = await BayanApp.PostFormAsync(app.Client, "/ar/verify", new() { ["Text"] = new string('x', TextCheck.MaxLength + 1) });
        Assert.Equal(413, (int)response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("هذا أطول من أي بيان", page.QuerySelector("[role=alert]")!.TextContent);

        using var forged = await app.Client.PostAsync(new Uri("/en/verify", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["Text"] = "x" }));
        Assert.Equal(400, (int)forged.StatusCode);
    }

    [Fact]
    public async Task An_address_posting_more_checks_than_a_reader_would_is_asked_to_wait_in_its_language()
    {
        await using var limited = await BayanApp.StartAsync(demo: true, "--Bayan:VerifyChecksPerMinute=2");
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await BayanApp.PostFormAsync(limited.Client, "/fa/verify", new() { ["Text"] = "متنی برای آزمون" });
            Assert.Equal(200, (int)allowed.StatusCode);
        }

        using var refused = await BayanApp.PostFormAsync(limited.Client, "/fa/verify", new() { ["Text"] = "متنی برای آزمون" });
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null, "Retry-After");
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("fa", page.DocumentElement.GetAttribute("lang"));

        // Reading the form is never limited.
        using var form = await limited.Client.GetAsync(new Uri("/fa/verify", UriKind.Relative));
        Assert.Equal(200, (int)form.StatusCode);
    }

    private async Task<IHtmlDocument> CheckAsync(string text, string lang = "en")
    {
        using var response = await BayanApp.PostFormAsync(app.Client, $"/{lang}/verify", new() { ["Text"] = text });
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>A published demo statement's id, title and body text in <paramref name="lang"/>.</summary>
    private async Task<(int Id, string Title, string Body)> PublishedAsync(string lang)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var translation = await db.Translations.AsNoTracking()
            .Where(t => t.Language == lang && t.IsPublished && t.Statement.Status == StatementStatus.Published && t.BodyHtml.Length > 400)
            .OrderBy(t => t.Id).FirstAsync();
        return (translation.StatementId, translation.Title, TextFingerprint.BodyText(translation.BodyHtml));
    }

    private async Task<int> PublishAsync(string title, string body)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var input = new StatementInput
        {
            TypeId = await db.StatementTypes.Where(t => t.Slug == "statement").Select(t => t.Id).SingleAsync(),
            Signatories = [await db.Organizations.Where(o => o.IsOwn).Select(o => o.Id).SingleAsync()],
            OriginalLanguage = "en",
            Translations = [new TranslationInput { Language = "en", Title = title, Body = body }],
        };
        var id = (await scope.ServiceProvider.GetRequiredService<StatementWriter>().SaveAsync(input, Editor)).StatementId!.Value;
        Assert.True((await scope.ServiceProvider.GetRequiredService<Publisher>().PublishAsync(id, await StampAsync(db, id), Editor)).Succeeded);
        return id;
    }

    private async Task CorrectAsync(int id, string body)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        var statement = await db.Statements.AsNoTracking().Include(s => s.Signatories).Include(s => s.Translations).AsSplitQuery().SingleAsync(s => s.Id == id);
        var input = new StatementInput
        {
            Id = id,
            ConcurrencyStamp = statement.ConcurrencyStamp,
            TypeId = statement.TypeId,
            Signatories = [.. statement.Signatories.Select(s => s.OrganizationId)],
            OriginalLanguage = "en",
            Translations = [new TranslationInput { Language = "en", Title = statement.Translations[0].Title, Body = body }],
        };
        Assert.True((await scope.ServiceProvider.GetRequiredService<StatementWriter>().SaveAsync(input, Editor)).Succeeded);
        Assert.True((await scope.ServiceProvider.GetRequiredService<Publisher>().PublishChangesAsync(id, await StampAsync(db, id), new Dictionary<string, string?> { ["en"] = "The hour was wrong." }, Editor)).Succeeded);
    }

    private async Task WithdrawAsync(int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        Assert.True((await scope.ServiceProvider.GetRequiredService<Publisher>().WithdrawAsync(id, await StampAsync(db, id), LocalizedText.Of("en", "Issued by mistake."), Editor)).Succeeded);
    }

    private static Task<string> StampAsync(BayanDb db, int id) => db.Statements.Where(s => s.Id == id).Select(s => s.ConcurrencyStamp).SingleAsync();
}
