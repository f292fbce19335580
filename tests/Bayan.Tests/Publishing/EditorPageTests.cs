using System.Net;
using AngleSharp.Html.Parser;
using Bayan.Accounts;
using Bayan.Core.Statements;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Tests.Publishing;

/// <summary>The editor through HTTP, as a browser would post its forms.</summary>
[Collection(DemoSiteDefinition.Name)]
public class EditorPageTests(DemoSiteFixture site)
{
    private BayanApp App => site.App;

    [Fact]
    public async Task An_author_writes_in_two_languages_and_submits_and_an_editor_publishes_from_the_editor()
    {
        var author = await App.CreateClientAsAsync(Roles.Author);
        var title = $"Mobile clinic reaches Varzan {Guid.NewGuid():N}"[..40];
        using var created = await BayanApp.PostFormAsync(author, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Language"] = "en",
            ["Input.Translations[0].Title"] = title,
            ["Input.Translations[0].Body"] = "Our **mobile clinic** reached Varzan today.",
        }, "form.editor");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editorUrl = created.Headers.Location!.OriginalString;
        Assert.Matches(@"^/admin/statements/\d+$", editorUrl);

        using var withPersian = await BayanApp.PostFormAsync(author, editorUrl + "?add=fa", new()
        {
            ["Input.Translations[1].Title"] = "درمانگاه سیار به ورزان رسید",
            ["Input.Translations[1].Body"] = "درمانگاه سیار ما امروز به ورزان رسید.",
        }, "form.editor");
        Assert.Equal(HttpStatusCode.Redirect, withPersian.StatusCode);

        var submitForm = await SubmitWithHandlerAsync(author, editorUrl, "submit");
        Assert.Equal(HttpStatusCode.Redirect, submitForm.StatusCode);
        Assert.Equal(StatementStatus.InReview, await StatusOf(editorUrl));

        var editor = await App.CreateClientAsAsync(Roles.Editor);
        var publish = await SubmitWithHandlerAsync(editor, editorUrl, "publish");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);

        var listing = await App.GetHtmlAsync("/fa/");
        Assert.Equal("درمانگاه سیار به ورزان رسید", listing.QuerySelector(".entry-title a")!.TextContent);
    }

    [Fact]
    public async Task The_preview_renders_markdown_without_saving()
    {
        var author = await App.CreateClientAsAsync(Roles.Author);
        var before = await CountAsync();

        var page = await SubmitWithHandlerAsync(author, "/admin/statements/new", "preview", new()
        {
            ["Input.Translations[0].Title"] = "Preview only",
            ["Input.Translations[0].Body"] = "### Heading\n\nSome *emphasis* and <script>alert(1)</script>",
        });
        var html = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(html.QuerySelector(".editor-preview h3"));
        Assert.NotNull(html.QuerySelector(".editor-preview em"));
        Assert.Null(html.QuerySelector(".editor-preview script"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Refusals_keep_what_was_typed_and_explain_in_the_editors_language()
    {
        var author = await App.CreateClientAsAsync(Roles.Author);
        author.DefaultRequestHeaders.Add("Accept-Language", "fa");

        using var refused = await BayanApp.PostFormAsync(author, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = "عنوانی بدون متن",
            ["Input.Translations[0].Body"] = "",
        }, "form.editor");
        var html = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("به عنوان و متن نیاز دارد", html.QuerySelector(".form-error")!.TextContent);
        Assert.Equal("عنوانی بدون متن", html.QuerySelector("#title-0")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Translators_cannot_open_a_new_statement_and_authors_cannot_publish_by_forging_the_handler()
    {
        var translator = await App.CreateClientAsAsync(Roles.Translator);
        using var refused = await translator.GetAsync(new Uri("/admin/statements/new", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/admin/denied", refused.Headers.Location!.PathAndQuery(App));

        var author = await App.CreateClientAsAsync(Roles.Author);
        using var created = await BayanApp.PostFormAsync(author, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = "An author's statement",
            ["Input.Translations[0].Body"] = "Text.",
        }, "form.editor");
        var editorUrl = created.Headers.Location!.OriginalString;
        await SubmitWithHandlerAsync(author, editorUrl, "publish");

        Assert.Equal(StatementStatus.Draft, await StatusOf(editorUrl));
    }

    [Fact]
    public async Task A_text_without_a_title_is_refused_and_kept_and_adding_a_language_keeps_what_was_typed()
    {
        var author = await App.CreateClientAsAsync(Roles.Author);

        using var untitled = await BayanApp.PostFormAsync(author, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Body"] = "A text typed before its title.",
        }, "form.editor");
        var refused = new HtmlParser().ParseDocument(await untitled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, untitled.StatusCode);
        Assert.Equal("A text typed before its title.", refused.QuerySelector("#body-0")!.TextContent);

        var withPersian = await SubmitWithHandlerAsync(author, "/admin/statements/new", "addlanguage", new()
        {
            ["Input.Translations[0].Title"] = "Typed, not saved",
            ["add"] = "fa",
        });
        var page = new HtmlParser().ParseDocument(await withPersian.Content.ReadAsStringAsync());
        Assert.Equal("Typed, not saved", page.QuerySelector("#title-0")!.GetAttribute("value"));
        Assert.Equal("rtl", page.QuerySelector("#body-1")!.GetAttribute("dir"));
    }

    [Fact]
    public async Task A_statement_id_slipped_into_the_form_is_ignored()
    {
        var author = await App.CreateClientAsAsync(Roles.Author);
        async Task<string> CreateAsync(string title)
        {
            using var created = await BayanApp.PostFormAsync(author, "/admin/statements/new", new()
            {
                ["Input.Translations[0].Title"] = title,
                ["Input.Translations[0].Body"] = "Text.",
            }, "form.editor");
            return created.Headers.Location!.OriginalString;
        }

        var first = await CreateAsync($"First {Guid.NewGuid():N}"[..20]);
        var second = await CreateAsync($"Second {Guid.NewGuid():N}"[..20]);
        var secondId = second.Split('/').Last();

        using var tampered = await BayanApp.PostFormAsync(author, first, new()
        {
            ["Input.Id"] = secondId,
            ["Input.Translations[0].Title"] = "Changed through a forged id",
        }, "form.editor");

        var (scope, db) = App.Db();
        await using var _ = scope;
        var id2 = int.Parse(secondId, System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain("forged", (await db.Translations.SingleAsync(t => t.StatementId == id2)).Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_link_shows_the_draft_to_a_partner_until_it_is_revoked()
    {
        var author = await App.CreateClientAsAsync(Roles.Author);
        using var created = await BayanApp.PostFormAsync(author, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = "Draft for the Open Wells legal team",
            ["Input.Translations[0].Body"] = "Text under review.",
        }, "form.editor");
        var url = created.Headers.Location!.OriginalString;

        using var shared = await BayanApp.PostFormAsync(author, url, new() { ["note"] = "Open Wells legal team", ["days"] = "3" }, "form[action*='handler=sharepreview']");
        var editor = new HtmlParser().ParseDocument(await author.GetStringAsync(new Uri(url, UriKind.Relative)));
        var link = new Uri(editor.QuerySelector(".preview-url")!.GetAttribute("value")!).PathAndQuery;

        using var partner = await App.Client.GetAsync(new Uri(link, UriKind.Relative));
        var preview = new HtmlParser().ParseDocument(await partner.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, partner.StatusCode);
        Assert.Equal("Draft for the Open Wells legal team", preview.QuerySelector("h1")!.TextContent);
        Assert.NotNull(preview.QuerySelector("meta[name=robots][content*=noindex]"));
        Assert.True(partner.Headers.CacheControl!.NoStore);

        using var revoked = await BayanApp.PostFormAsync(author, url, [], "form[action*='handler=revokepreview']");
        using var after = await App.Client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        using var guessed = await App.Client.GetAsync(new Uri("/preview/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }

    [Fact]
    public async Task An_editor_adds_a_new_co_signer_back_dates_the_statement_and_sees_title_and_summary_in_the_preview()
    {
        var editor = await App.CreateClientAsAsync(Roles.Editor);
        var partner = $"Friends of the Valley {Guid.NewGuid():N}"[..30];
        var preview = await SubmitWithHandlerAsync(editor, "/admin/statements/new", "preview", new()
        {
            ["Input.Translations[0].Title"] = "Statement issued on paper in 2019",
            ["Input.Translations[0].Summary"] = "Read out at the press conference.",
            ["Input.Translations[0].Body"] = "Text of the statement.",
        });
        var previewed = new HtmlParser().ParseDocument(await preview.Content.ReadAsStringAsync());
        Assert.Equal("Statement issued on paper in 2019", previewed.QuerySelector(".editor-preview-title")!.TextContent);
        Assert.Equal("Read out at the press conference.", previewed.QuerySelector(".editor-preview .statement-summary")!.TextContent);

        using var tooLate = await BayanApp.PostFormAsync(editor, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = "Dated tomorrow",
            ["Input.Translations[0].Body"] = "Text.",
            ["Input.PublishedOn"] = TimeProvider.System.GetUtcNow().AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, "form.editor");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLate.StatusCode);

        using var created = await BayanApp.PostFormAsync(editor, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = $"Statement issued on paper {Guid.NewGuid():N}"[..40],
            ["Input.Translations[0].Body"] = "Text of the statement.",
            ["Input.NewOrganization"] = partner,
            ["Input.PublishedOn"] = "2019-05-04",
        }, "form.editor");
        var url = created.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitWithHandlerAsync(editor, url, "publish")).StatusCode);

        var (scope, db) = App.Db();
        await using (scope)
        {
            var id = int.Parse(url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
            var statement = await db.Statements.Include(s => s.Signatories).ThenInclude(x => x.Organization).SingleAsync(s => s.Id == id);
            Assert.Equal(StatementStatus.Published, statement.Status);
            Assert.Equal(new DateTime(2019, 5, 4), statement.PublishedAt!.Value.Date);
            var added = statement.Signatories.OrderBy(x => x.Position).Last().Organization;
            Assert.Equal(partner, added.Names.Get("en"));
            Assert.Equal(1, await db.Organizations.CountAsync(o => o.Slug == added.Slug));
        }

        var page = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri(url, UriKind.Relative)));
        var publicLink = page.QuerySelector(".editor-status a")!.GetAttribute("href")!;
        var statementPage = await App.GetHtmlAsync(publicLink);
        Assert.Contains("4 May 2019", statementPage.QuerySelector(".statement-dates")!.TextContent);
        Assert.Contains(partner, statementPage.QuerySelector(".statement-signatories")!.TextContent);
    }

    [Fact]
    public async Task Corrections_carry_a_note_per_language_and_a_withdrawal_a_reason_per_language_until_reinstated()
    {
        var editor = await App.CreateClientAsAsync(Roles.Editor);
        var title = $"Appeal for the Kalat schools {Guid.NewGuid():N}"[..40];
        using var created = await BayanApp.PostFormAsync(editor, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = title,
            ["Input.Translations[0].Body"] = "Schools reopen on 3 May.",
        }, "form.editor");
        var url = created.Headers.Location!.OriginalString;
        await SubmitWithHandlerAsync(editor, url, "publish");
        using var persian = await BayanApp.PostFormAsync(editor, url + "?add=fa", new()
        {
            ["Input.Translations[1].Title"] = "درخواست برای مدرسه‌های کلات",
            ["Input.Translations[1].Body"] = "مدرسه‌ها ۱۳ اردیبهشت باز می‌شوند.",
        }, "form.editor");
        await SubmitWithHandlerAsync(editor, url, "publishchanges");

        var corrected = await SubmitWithHandlerAsync(editor, url, "publishchanges", new()
        {
            ["Input.Translations[0].Body"] = "Schools reopen on 4 May.",
            ["ChangeNotes[en]"] = "Corrected the reopening date.",
        });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var edited = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri(url, UriKind.Relative)));
        var english = await App.GetHtmlAsync(edited.QuerySelector(".editor-status a")!.GetAttribute("href")!);
        Assert.Contains("Corrected the reopening date.", english.QuerySelector(".corrections")!.TextContent);

        using var withdrawn = await SubmitWorkflowAsync(editor, url, "withdraw", new()
        {
            ["WithdrawalReasons[en]"] = "Replaced by the joint appeal.",
            ["WithdrawalReasons[fa]"] = "درخواست مشترک جای آن را گرفت.",
        });
        Assert.Equal(StatementStatus.Withdrawn, await StatusOf(url));
        var id = url.Split('/').Last();
        var persianPage = await App.GetHtmlAsync($"/fa/statements/{id}/{Uri.EscapeDataString("درخواست-برای-مدرسه-های-کلات")}");
        Assert.Contains("درخواست مشترک جای آن را گرفت.", persianPage.QuerySelector(".notice-withdrawn")!.TextContent);

        var reinstated = await SubmitWorkflowAsync(editor, url, "reinstate");
        Assert.Equal(HttpStatusCode.Redirect, reinstated.StatusCode);
        Assert.Equal(StatementStatus.Published, await StatusOf(url));
    }

    [Fact]
    public async Task Captions_can_be_changed_after_upload_and_readers_see_them()
    {
        var (scope, db) = App.Db();
        int statementId;
        await using (scope)
        {
            statementId = await db.Attachments.Where(a => a.Statement.Status == StatementStatus.Published && a.Statement.Translations.Any(t => t.Language == "en"))
                .OrderBy(a => a.Id).Select(a => a.StatementId).FirstAsync();
        }

        var editor = await App.CreateClientAsAsync(Roles.Editor);
        var url = $"/admin/statements/{statementId}";
        using var saved = await BayanApp.PostFormAsync(editor, url, new()
        {
            ["Captions[en]"] = "Signed original, first page",
            ["Captions[fa]"] = "",
        }, "form[action*='handler=captions']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = new HtmlParser().ParseDocument(await editor.GetStringAsync(new Uri(url, UriKind.Relative)));
        var statement = await App.GetHtmlAsync(page.QuerySelector(".editor-status a")!.GetAttribute("href")!);
        Assert.Contains("Signed original, first page", statement.QuerySelector(".attachments")!.TextContent);

        var author = await App.CreateClientAsAsync(Roles.Author);
        using var refused = await BayanApp.PostFormAsync(author, url, new() { ["Captions[en]"] = "Changed by an author" }, "form[action*='handler=captions']");
        var (scope2, db2) = App.Db();
        await using (scope2)
        {
            Assert.DoesNotContain(await db2.Attachments.Where(a => a.StatementId == statementId).Select(a => a.Captions).ToListAsync(), c => c.Get("en") == "Changed by an author");
        }
    }

    [Fact]
    public async Task A_second_save_from_an_older_copy_shows_both_versions_and_saving_again_after_merging_goes_through()
    {
        var first = await App.CreateClientAsAsync(Roles.Editor);
        var second = await App.CreateClientAsAsync(Roles.Editor);
        using var created = await BayanApp.PostFormAsync(first, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = "Flood warning for the lower valley",
            ["Input.Translations[0].Body"] = "Rivers are rising.",
        }, "form.editor");
        var url = created.Headers.Location!.OriginalString;

        // Both open the editor; the first saves, then the second saves from the older copy.
        var secondPage = new HtmlParser().ParseDocument(await second.GetStringAsync(new Uri(url, UriKind.Relative)));
        using var firstSave = await BayanApp.PostFormAsync(first, url, new() { ["Input.Translations[0].Body"] = "Rivers are rising fast: move to higher ground." }, "form.editor");
        var values = BayanApp.FormValues((AngleSharp.Html.Dom.IHtmlFormElement)secondPage.QuerySelector("form.editor")!);
        values.RemoveAll(v => v.Key == "Input.Translations[0].Body");
        values.Add(new("Input.Translations[0].Body", "Rivers are rising. Shelters are open in Kalat."));
        using var refused = await second.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var conflict = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("move to higher ground", conflict.QuerySelector(".editor-conflict pre")!.TextContent);
        Assert.Equal("Rivers are rising. Shelters are open in Kalat.", conflict.QuerySelector("#body-0")!.TextContent);

        // After merging, the next save is deliberate and goes through; the first editor's text stays in the history.
        var merged = BayanApp.FormValues((AngleSharp.Html.Dom.IHtmlFormElement)conflict.QuerySelector("form.editor")!);
        merged.RemoveAll(v => v.Key == "Input.Translations[0].Body");
        merged.Add(new("Input.Translations[0].Body", "Rivers are rising fast: move to higher ground. Shelters are open in Kalat."));
        using var saved = await second.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(merged));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var (scope, db) = App.Db();
        await using (scope)
        {
            var id = int.Parse(url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
            var bodies = await db.Revisions.Where(r => r.Translation.StatementId == id).OrderBy(r => r.Version).Select(r => r.BodySource).ToListAsync();
            Assert.Equal(["Rivers are rising.", "Rivers are rising fast: move to higher ground.", "Rivers are rising fast: move to higher ground. Shelters are open in Kalat."], bodies);
        }
    }

    [Theory]
    [InlineData("Input.Translations[0].Language", "zz", "one of the site's languages")]
    [InlineData("Input.PublishedOn", "0026-05-04", "before 1800")]
    [InlineData("Input.SeriesNumber", "7", "A number needs a series")]
    [InlineData("Input.SeriesNumber", "99999999999", "must be a whole number")]
    [InlineData("Input.PublishedOn", "2026-02-30", "not a valid date")]
    [InlineData("Input.Translations[0].Summary", "x", "too long")]
    public async Task Tampered_or_mistyped_fields_are_refused_and_nothing_is_saved(string field, string value, string expected)
    {
        var editor = await App.CreateClientAsAsync(Roles.Editor);
        var before = await CountAsync();

        // "x" stands for a text one character over its limit.
        using var refused = await BayanApp.PostFormAsync(editor, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = "A statement with one bad field",
            ["Input.Translations[0].Body"] = "Text.",
            [field] = value == "x" ? new string('x', Bayan.Publishing.StatementWriter.MaxSummaryLength + 1) : value,
        }, "form.editor");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(expected, new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector(".form-error")!.TextContent);
        Assert.Equal(before, await CountAsync());
    }

    /// <summary>Posts one of the workflow forms below the editor (withdraw, reinstate…) with its button's handler.</summary>
    private static async Task<HttpResponseMessage> SubmitWorkflowAsync(HttpClient client, string url, string handler, Dictionary<string, string>? fields = null)
    {
        using var page = await client.GetAsync(new Uri(url, UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var button = document.QuerySelector($"button[formaction$='handler={handler}']") ?? throw new InvalidOperationException($"no {handler} button");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)button.Closest("form")!;
        var values = BayanApp.FormValues(form);
        foreach (var (key, value) in fields ?? [])
        {
            values.RemoveAll(v => v.Key == key);
            values.Add(new(key, value));
        }

        return await client.PostAsync(new Uri($"{url}?handler={handler}", UriKind.Relative), new FormUrlEncodedContent(values));
    }

    /// <summary>Posts the editor form the way its button with formaction="…?handler=NAME" does.</summary>
    private static async Task<HttpResponseMessage> SubmitWithHandlerAsync(HttpClient client, string url, string handler, Dictionary<string, string>? fields = null)
    {
        using var page = await client.GetAsync(new Uri(url, UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)document.QuerySelector("form.editor")!;
        var values = BayanApp.FormValues(form);
        foreach (var (key, value) in fields ?? [])
        {
            values.RemoveAll(v => v.Key == key);
            values.Add(new(key, value));
        }

        return await client.PostAsync(new Uri($"{url}?handler={handler}", UriKind.Relative), new FormUrlEncodedContent(values));
    }

    private async Task<StatementStatus> StatusOf(string editorUrl)
    {
        var id = int.Parse(editorUrl.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var (scope, db) = App.Db();
        await using var _ = scope;
        return await db.Statements.Where(s => s.Id == id).Select(s => s.Status).SingleAsync();
    }

    private async Task<int> CountAsync()
    {
        var (scope, db) = App.Db();
        await using var _ = scope;
        return await db.Statements.CountAsync();
    }
}
