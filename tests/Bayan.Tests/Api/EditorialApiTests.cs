using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bayan.Accounts;
using Bayan.Api;
using Bayan.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Api;

/// <summary>
/// The editorial API with personal tokens, on a site of its own: a script writes, translates, attaches, submits,
/// publishes, corrects and withdraws, each answer checked against the OpenAPI document; bad input and insufficient
/// rights each get their precise status and change nothing.
/// </summary>
public sealed class EditorialApiTests : IClassFixture<EditorialApiTests.Site>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly string[] Sepehr = ["sepehr"];

    private static readonly string[] SepehrAndOpenWells = ["sepehr", "open-wells"];

    private static readonly string[] Water = ["water"];

    private static readonly string[] Health = ["health"];

    private readonly BayanApp app;

    private readonly Site site;

    public EditorialApiTests(Site site)
    {
        this.site = site;
        app = site.App;
    }

    public sealed class Site : IAsyncLifetime
    {
        public BayanApp App { get; private set; } = null!;

        public JsonObject? Document { get; set; }

        public async Task InitializeAsync() => App = await BayanApp.StartAsync();

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task A_token_made_in_the_back_office_is_shown_once_kept_hashed_and_ends_when_revoked()
    {
        var browser = await app.CreateClientAsAsync(Roles.Editor);
        var made = await BayanApp.PostFormAsync(browser, "/admin/tokens", new()
        {
            ["Name"] = "newsroom importer",
            ["Scopes"] = ApiScopeNames.Write,
            ["Days"] = "30",
            ["CurrentPassword"] = BayanApp.DefaultPassword,
        });
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await made.Content.ReadAsStringAsync());
        var token = page.QuerySelector("#new-token")!.GetAttribute("value")!;
        Assert.StartsWith("bayan_", token, StringComparison.Ordinal);

        var (scope, db) = app.Db();
        await using (scope)
        {
            var stored = await db.ApiTokens.SingleAsync(t => t.Name == "newsroom importer");
            Assert.Equal(ApiTokens.Hash(token), stored.Hash);
            Assert.DoesNotContain(token, stored.Hash + stored.Prefix, StringComparison.Ordinal);
            Assert.Equal(ApiScopes.Write, stored.Scopes);
            Assert.InRange(stored.ExpiresAt - stored.CreatedAt, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        }

        // Listed afterwards by name and prefix, never again in full.
        var list = await browser.GetStringAsync("/admin/tokens");
        Assert.Contains("newsroom importer", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);

        var me = await SendAsync(token, HttpMethod.Get, "/api/v1/admin/me", "/api/v1/admin/me");
        Assert.Equal(["write"], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal([Roles.Editor], me.GetProperty("roles").EnumerateArray().Select(s => s.GetString()));

        var id = page.QuerySelectorAll("form[action*='handler=revoke']").Single().GetAttribute("action")!.Split("token=")[1];
        var revoked = await BayanApp.PostFormAsync(browser, "/admin/tokens", new(), $"form[action*='token={id}']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var refused = await ProblemAsync(token, HttpMethod.Get, "/api/v1/admin/me", HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_editors_make_tokens_that_publish()
    {
        var author = await app.CreateClientAsAsync(Roles.Author);
        var page = await author.GetStringAsync("/admin/tokens");
        Assert.DoesNotContain("value=\"publish\"", page, StringComparison.Ordinal);
        var (scope, db) = app.Db();
        await using (scope)
        {
            var before = await db.ApiTokens.CountAsync();
            var response = await BayanApp.PostFormAsync(author, "/admin/tokens", new()
            {
                ["Name"] = "sneaky",
                ["Scopes"] = ApiScopeNames.Write,
                ["Days"] = "7",
                ["CurrentPassword"] = BayanApp.DefaultPassword,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // The form without the box, posted by hand with it.
            var forged = await author.PostAsync("/admin/tokens?handler=create", new FormUrlEncodedContent(
                [new("Name", "forged"), new("Scopes", ApiScopeNames.Publish), new("Days", "7"), new("CurrentPassword", BayanApp.DefaultPassword), new("__RequestVerificationToken", Antiforgery(page))]));
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Equal(before + 1, await db.ApiTokens.CountAsync());
        }
    }

    [Fact]
    public async Task A_script_writes_translates_attaches_and_submits_and_an_editors_script_publishes_corrects_and_withdraws()
    {
        var (authorToken, authorId) = await TokenAsync(Roles.Author, ApiScopes.Write | ApiScopes.ReadDrafts);
        var (editorToken, _) = await TokenAsync(Roles.Editor, ApiScopes.Publish | ApiScopes.Write | ApiScopes.ReadDrafts);

        var created = await SendAsync(authorToken, HttpMethod.Post, "/api/v1/admin/statements", "/api/v1/admin/statements", HttpStatusCode.Created, new
        {
            type = "statement",
            series = "announcements",
            signatories = SepehrAndOpenWells,
            tags = Water,
            translations = new[] { new { language = "en", title = "Wells for Kalat, by script", body = "We have **drilled** three wells." } },
        });
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("draft", created.GetProperty("status").GetString());
        Assert.Equal(["sepehr", "open-wells"], created.GetProperty("signatories").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("en", created.GetProperty("original_language").GetString());
        Assert.Equal(1, created.GetProperty("translations")[0].GetProperty("version").GetInt32());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var statement = await scope.ServiceProvider.GetRequiredService<Data.BayanDb>().Statements.SingleAsync(s => s.Id == id);
            Assert.Equal(authorId, statement.CreatedById);
        }

        // Drafts are nobody's business on the public API.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync($"/api/v1/statements/{id}")).StatusCode);

        var translated = await SendAsync(authorToken, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", "/api/v1/admin/statements/{id}", body: new
        {
            translations = new[] { new { language = "fa", title = "چاه‌هایی برای کلات", body = "سه چاه حفر کردیم.", summary = "خلاصه" } },
        });
        Assert.Equal(["en", "fa"], translated.GetProperty("translations").EnumerateArray().Select(t => t.GetProperty("language").GetString()));
        Assert.Equal("statement", translated.GetProperty("type").GetString());

        var attached = await UploadAsync(authorToken, id, TestFiles.Pdf("Well survey for Kalat"), "survey.pdf", HttpStatusCode.Created);
        Assert.Equal("application/pdf", attached.GetProperty("content_type").GetString());
        var attachmentId = attached.GetProperty("id").GetInt32();
        var captioned = await SendAsync(authorToken, HttpMethod.Patch, $"/api/v1/admin/statements/{id}/attachments/{attachmentId}",
            "/api/v1/admin/statements/{id}/attachments/{attachmentId}", body: new { captions = new Dictionary<string, string> { ["en"] = "Survey", ["fa"] = "بررسی" } });
        Assert.Equal("بررسی", captioned.GetProperty("captions").GetProperty("fa").GetString());

        var read = await SendAsync(authorToken, HttpMethod.Get, $"/api/v1/admin/statements/{id}", "/api/v1/admin/statements/{id}");
        Assert.Equal("Survey", read.GetProperty("attachments")[0].GetProperty("captions").GetProperty("en").GetString());
        Assert.Equal("چاه‌هایی برای کلات", read.GetProperty("translations")[1].GetProperty("title").GetString());

        var submitted = await SendAsync(authorToken, HttpMethod.Post, $"/api/v1/admin/statements/{id}/submit", "/api/v1/admin/statements/{id}/submit");
        Assert.Equal("in_review", submitted.GetProperty("status").GetString());

        var listed = await SendAsync(authorToken, HttpMethod.Get, "/api/v1/admin/statements?status=in_review&mine=true", "/api/v1/admin/statements");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == id && i.GetProperty("is_mine").GetBoolean());

        var published = await SendAsync(editorToken, HttpMethod.Post, $"/api/v1/admin/statements/{id}/publish", "/api/v1/admin/statements/{id}/publish");
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(1, published.GetProperty("series_number").GetInt32() > 0 ? 1 : 0);
        Assert.Equal(1, published.GetProperty("translations")[0].GetProperty("published_version").GetInt32());
        var url = published.GetProperty("translations")[0].GetProperty("url").GetString()!;
        Assert.Contains("Wells for Kalat, by script", await app.Client.GetStringAsync(new Uri(url).PathAndQuery), StringComparison.Ordinal);

        // A correction waits as a newer version until it is published with its note.
        var corrected = await SendAsync(editorToken, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", "/api/v1/admin/statements/{id}", body: new
        {
            translations = new[] { new { language = "en", title = "Wells for Kalat, by script", body = "We have **drilled** four wells." } },
        });
        var english = corrected.GetProperty("translations")[0];
        Assert.Equal((2, 1), (english.GetProperty("version").GetInt32(), english.GetProperty("published_version").GetInt32()));
        Assert.DoesNotContain("four wells", await app.Client.GetStringAsync(new Uri(url).PathAndQuery), StringComparison.Ordinal);
        await SendAsync(editorToken, HttpMethod.Post, $"/api/v1/admin/statements/{id}/publish", "/api/v1/admin/statements/{id}/publish",
            body: new { change_notes = new Dictionary<string, string> { ["en"] = "Four wells, not three." } });
        var detail = JsonDocument.Parse(await app.Client.GetStringAsync($"/api/v1/statements/{id}")).RootElement;
        var versions = detail.GetProperty("translations").GetProperty("en").GetProperty("versions");
        Assert.Equal("Four wells, not three.", versions[1].GetProperty("change_note").GetString());

        var withdrawn = await SendAsync(editorToken, HttpMethod.Post, $"/api/v1/admin/statements/{id}/withdraw", "/api/v1/admin/statements/{id}/withdraw",
            body: new { reason = new Dictionary<string, string> { ["en"] = "Issued in error." } });
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        var publicView = JsonDocument.Parse(await app.Client.GetStringAsync($"/api/v1/statements/{id}")).RootElement;
        Assert.Equal("Issued in error.", publicView.GetProperty("translations").GetProperty("en").GetProperty("withdrawal_note").GetString());
    }

    [Fact]
    public async Task Scheduling_takes_a_time_to_come_and_refuses_one_gone()
    {
        var (token, _) = await TokenAsync(Roles.Editor, ApiScopes.Write | ApiScopes.Publish);
        var id = await DraftAsync(token, "To be published tomorrow");
        var past = await ProblemAsync(token, HttpMethod.Post, $"/api/v1/admin/statements/{id}/schedule", HttpStatusCode.UnprocessableEntity,
            new { at = TimeProvider.System.GetUtcNow().AddHours(-1) });
        Assert.Contains("future", past.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var local = await ProblemAsync(token, HttpMethod.Post, $"/api/v1/admin/statements/{id}/schedule", HttpStatusCode.BadRequest, new { at = "2030-01-01T09:00:00" });
        Assert.Contains("offset", local.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var at = new DateTimeOffset(DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(2).AddHours(9), DateTimeKind.Unspecified), TimeSpan.FromHours(3.5));
        var scheduled = await SendAsync(token, HttpMethod.Post, $"/api/v1/admin/statements/{id}/schedule", "/api/v1/admin/statements/{id}/schedule", body: new { at });
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal(at.UtcDateTime, scheduled.GetProperty("published_at").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task Tokens_without_the_scope_or_the_role_are_refused_precisely_and_change_nothing()
    {
        var (writer, _) = await TokenAsync(Roles.Author, ApiScopes.Write);
        var (reader, _) = await TokenAsync(Roles.Editor, ApiScopes.ReadDrafts);
        var (otherAuthor, _) = await TokenAsync(Roles.Author, ApiScopes.Write | ApiScopes.ReadDrafts);
        var (translator, _) = await TokenAsync(Roles.Translator, ApiScopes.Write);
        var id = await DraftAsync(writer, "An author's own draft");
        var stamp = await StampAsync(id);

        // A scope the token lacks: 403 naming it, with the header of RFC 6750.
        using (var response = await RawAsync(writer, HttpMethod.Get, $"/api/v1/admin/statements/{id}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Contains("read-drafts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await ProblemAsync(reader, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", HttpStatusCode.Forbidden, new { tags = Water });
        await ProblemAsync(writer, HttpMethod.Post, $"/api/v1/admin/statements/{id}/publish", HttpStatusCode.Forbidden);

        // Another author's draft: its details and original text are its author's; submitting it and trashing it too.
        var details = await ProblemAsync(otherAuthor, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", HttpStatusCode.Forbidden, new { tags = Health });
        Assert.Contains("author", details.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(otherAuthor, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", HttpStatusCode.Forbidden,
            new { translations = new[] { new { language = "en", title = "Rewritten", body = "Not yours." } } });
        await ProblemAsync(otherAuthor, HttpMethod.Post, $"/api/v1/admin/statements/{id}/submit", HttpStatusCode.Forbidden);
        await ProblemAsync(otherAuthor, HttpMethod.Delete, $"/api/v1/admin/statements/{id}", HttpStatusCode.Forbidden);
        await ProblemAsync(translator, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", HttpStatusCode.Forbidden,
            new { translations = new[] { new { language = "en", title = "An author's own draft", body = "Text of An author's own draft", slug = "hijacked" } } });
        await ProblemAsync(writer, HttpMethod.Post, "/api/v1/admin/statements", HttpStatusCode.BadRequest, new { signatories = Sepehr, translations = Array.Empty<object>() });
        await ProblemAsync(translator, HttpMethod.Post, "/api/v1/admin/statements", HttpStatusCode.Forbidden,
            new { type = "statement", signatories = Sepehr, translations = new[] { new { language = "en", title = "T", body = "B" } } });
        // Numbers and dates are an editor's.
        await ProblemAsync(writer, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", HttpStatusCode.Forbidden, new { series_number = 7 });
        Assert.Equal(stamp, await StampAsync(id));

        // A translator (or another author) translates: allowed, and the original stays.
        var translated = await SendAsync(translator, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", "/api/v1/admin/statements/{id}",
            body: new { translations = new[] { new { language = "ar", title = "مسودة", body = "نص." } } });
        Assert.Equal(2, translated.GetProperty("translations").GetArrayLength());
    }

    [Fact]
    public async Task A_token_acts_with_its_owners_role_as_it_is_now()
    {
        var (token, userId) = await TokenAsync(Roles.Editor, ApiScopes.Write | ApiScopes.Publish);
        var id = await DraftAsync(token, "Published by whoever may");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BayanUser>>();
            var user = (await users.FindByIdAsync(userId))!;
            await users.RemoveFromRoleAsync(user, Roles.Editor);
            await users.AddToRoleAsync(user, Roles.Author);
        }

        var refused = await ProblemAsync(token, HttpMethod.Post, $"/api/v1/admin/statements/{id}/publish", HttpStatusCode.Forbidden);
        Assert.Contains("role", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync($"/api/v1/statements/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_token_needs_the_password_and_ends_when_its_account_signs_out_everywhere_or_must_change_password()
    {
        var email = $"editor-{Guid.NewGuid():N}@example.org";
        var user = await app.CreateUserAsync(email, Roles.Editor);
        var (browser, _) = await app.SignInAsync(email, BayanApp.DefaultPassword);
        var wrong = await BayanApp.PostFormAsync(browser, "/admin/tokens", new() { ["Name"] = "n", ["Scopes"] = ApiScopeNames.Write, ["Days"] = "7", ["CurrentPassword"] = "not it" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        await WithDbAsync(async db => Assert.Equal(0, await db.ApiTokens.CountAsync(t => t.UserId == user.Id)));

        var (token, userId) = await TokenAsync(Roles.Editor, ApiScopes.Write);
        await WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, true)));
        Assert.Contains("new password", (await ProblemAsync(token, HttpMethod.Get, "/api/v1/admin/me", HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (kept, _) = await TokenAsync(Roles.Editor, ApiScopes.Write);
        await WithDbAsync(async db =>
        {
            var owner = await db.ApiTokens.Where(t => t.Hash == ApiTokens.Hash(kept)).Select(t => t.UserId).SingleAsync();
            var ownerEmail = await db.Users.Where(u => u.Id == owner).Select(u => u.Email).SingleAsync();
            var (session, _) = await app.SignInAsync(ownerEmail!, BayanApp.DefaultPassword);
            await SendAsync(kept, HttpMethod.Get, "/api/v1/admin/me", "/api/v1/admin/me");
            var everywhere = await BayanApp.PostFormAsync(session, "/admin/account", new() { ["CurrentPassword"] = BayanApp.DefaultPassword }, "form[action*='handler=everywhere']");
            Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        });
        Assert.Contains("revoked", (await ProblemAsync(kept, HttpMethod.Get, "/api/v1/admin/me", HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_keeps_what_it_does_not_send_and_a_write_token_cannot_change_what_readers_see()
    {
        var (token, _) = await TokenAsync(Roles.Editor, ApiScopes.Write | ApiScopes.ReadDrafts | ApiScopes.Publish);
        var (writeOnly, _) = await TokenAsync(Roles.Editor, ApiScopes.Write);
        var created = await SendAsync(token, HttpMethod.Post, "/api/v1/admin/statements", "/api/v1/admin/statements", HttpStatusCode.Created, new
        {
            type = "statement",
            signatories = Sepehr,
            translations = new[] { new { language = "en", title = "Kept as it was", slug = "my-own-address", summary = "A summary to keep.", body = "First text." } },
        });
        var id = created.GetProperty("id").GetInt32();
        var changed = await SendAsync(token, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", "/api/v1/admin/statements/{id}",
            body: new { translations = new[] { new { language = "en", title = "Kept as it was", body = "Second text." } } });
        var english = changed.GetProperty("translations")[0];
        Assert.Equal(("my-own-address", "A summary to keep.", "Second text."), (english.GetProperty("slug").GetString(), english.GetProperty("summary").GetString(), english.GetProperty("body").GetString()));

        // Publishing twice: the second time nothing waits, so nothing happens.
        await SendAsync(token, HttpMethod.Post, $"/api/v1/admin/statements/{id}/publish", "/api/v1/admin/statements/{id}/publish");
        var stamp = await StampAsync(id);
        await ProblemAsync(token, HttpMethod.Post, $"/api/v1/admin/statements/{id}/publish", HttpStatusCode.Conflict);
        Assert.Equal(stamp, await StampAsync(id));

        // On a published statement, details and attachments show at once: a token that cannot publish cannot change them.
        var refused = await ProblemAsync(writeOnly, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", HttpStatusCode.Forbidden, new { tags = Water });
        Assert.Contains("publish", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await UploadAsync(writeOnly, id, TestFiles.Pdf("Late annex"), "annex.pdf", HttpStatusCode.Forbidden);
        Assert.Equal(stamp, await StampAsync(id));
        // Its texts wait for an editor, so a write token may change them.
        await SendAsync(writeOnly, HttpMethod.Patch, $"/api/v1/admin/statements/{id}", "/api/v1/admin/statements/{id}",
            body: new { translations = new[] { new { language = "en", title = "Kept as it was", body = "Third text, waiting." } } });
    }

    [Fact]
    public async Task Tokens_that_are_missing_unknown_expired_revoked_or_of_a_disabled_account_get_401()
    {
        using (var none = await app.Client.GetAsync("/api/v1/admin/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal("application/problem+json", none.Content.Headers.ContentType!.MediaType);
        }

        // The commonest slip, the token without "Bearer ", and other schemes: 401 saying how, never a failure.
        foreach (var header in new[] { "bayan_abc", "Token bayan_abc", "Basic YTpi", "Bearer" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/me");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            using var response = await app.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{header}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Contains("not a Bayan API token", (await ProblemAsync("abc", HttpMethod.Get, "/api/v1/admin/me", HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("not known", (await ProblemAsync("bayan_" + new string('x', 43), HttpMethod.Get, "/api/v1/admin/me", HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (expiring, _) = await TokenAsync(Roles.Editor, ApiScopes.Write);
        var (scope, db) = app.Db();
        await using (scope)
        {
            var hash = ApiTokens.Hash(expiring);
            await db.ApiTokens.Where(t => t.Hash == hash).ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpiresAt, TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-1)));
        }

        Assert.Contains("expired", (await ProblemAsync(expiring, HttpMethod.Get, "/api/v1/admin/me", HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (disabled, userId) = await TokenAsync(Roles.Editor, ApiScopes.Write);
        (scope, db) = app.Db();
        await using (scope)
        {
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, TimeProvider.System.GetUtcNow().UtcDateTime));
        }

        Assert.Contains("disabled", (await ProblemAsync(disabled, HttpMethod.Get, "/api/v1/admin/me", HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The back office's session cookie is not a token: a signed-in browser cannot be made to call the API.
        var browser = await app.CreateClientAsAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/admin/me")).StatusCode);
    }

    [Theory]
    [InlineData("{\"translations\": [", HttpStatusCode.BadRequest, "not well-formed")]
    [InlineData("[1, 2]", HttpStatusCode.BadRequest, "JSON object")]
    [InlineData("{\"series_number\": \"3\"}", HttpStatusCode.BadRequest, "expected an integer")]
    [InlineData("{\"colour\": \"red\"}", HttpStatusCode.BadRequest, "Unknown property \"colour\"")]
    [InlineData("{\"translations\": [{\"language\": \"en\", \"title\": \"No body\"}]}", HttpStatusCode.BadRequest, "body")]
    [InlineData("{\"translations\": [{\"language\": \"en\", \"title\": null, \"body\": \"x\"}]}", HttpStatusCode.BadRequest, "title")]
    [InlineData("{\"tags\": [\"no-such-topic\"]}", HttpStatusCode.UnprocessableEntity, "No tag \"no-such-topic\"")]
    [InlineData("{\"translations\": [{\"language\": \"xx\", \"title\": \"T\", \"body\": \"B\"}]}", HttpStatusCode.UnprocessableEntity, "languages")]
    [InlineData("{\"translations\": [{\"language\": \"en\", \"title\": \" \", \"body\": \"B\"}]}", HttpStatusCode.UnprocessableEntity, "title")]
    [InlineData("{\"signatories\": [null]}", HttpStatusCode.BadRequest, "$.signatories[0]")]
    [InlineData("{\"tags\": [\"water\"], \"tags\": [\"health\"]}", HttpStatusCode.BadRequest, "tags")]
    [InlineData("{\"tags\": [\"water\", 3]}", HttpStatusCode.BadRequest, "$.tags[1]")]
    public async Task Bad_bodies_get_the_precise_status_and_change_nothing(string body, HttpStatusCode status, string said)
    {
        var (token, _) = await TokenAsync(Roles.Editor, ApiScopes.Write);
        var id = await DraftAsync(token, "Untouched by bad input");
        var stamp = await StampAsync(id);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/admin/statements/{id}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await app.Client.SendAsync(request);
        var problem = await ProblemOfAsync(response, status, "/api/v1/admin/statements/{id}", "patch");
        Assert.Contains(said, problem.GetProperty("title").GetString() + " " + problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(stamp, await StampAsync(id));
    }

    [Fact]
    public async Task Oversized_bodies_other_media_types_stale_versions_and_wrong_states_are_refused()
    {
        var (token, _) = await TokenAsync(Roles.Editor, ApiScopes.Write | ApiScopes.Publish | ApiScopes.ReadDrafts);
        var id = await DraftAsync(token, "Guarded draft");
        var stamp = await StampAsync(id);

        var huge = "{\"translations\": [{\"language\": \"en\", \"title\": \"T\", \"body\": \"" + new string('a', 9 * 1024 * 1024) + "\"}]}";
        using (var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/admin/statements/{id}") { Content = new StringContent(huge, Encoding.UTF8, "application/json") })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await app.Client.SendAsync(request);
            await ProblemOfAsync(response, HttpStatusCode.RequestEntityTooLarge, "/api/v1/admin/statements/{id}", "patch");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/admin/statements/{id}") { Content = new StringContent("tags=water", Encoding.UTF8, "application/x-www-form-urlencoded") })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await app.Client.SendAsync(request);
            await ProblemOfAsync(response, HttpStatusCode.UnsupportedMediaType, "/api/v1/admin/statements/{id}", "patch");
        }

        // If-Match names the version read; a change made since is not overwritten.
        using (var read = await RawAsync(token, HttpMethod.Get, $"/api/v1/admin/statements/{id}"))
        {
            Assert.Equal($"\"{stamp}\"", read.Headers.ETag!.Tag);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/admin/statements/{id}") { Content = JsonContent(new { tags = Water }) })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef\""));
            using var response = await app.Client.SendAsync(request);
            await ProblemOfAsync(response, HttpStatusCode.PreconditionFailed, "/api/v1/admin/statements/{id}", "patch");
        }

        Assert.Equal(stamp, await StampAsync(id));
        await ProblemAsync(token, HttpMethod.Post, $"/api/v1/admin/statements/{id}/withdraw", HttpStatusCode.Conflict, new { reason = new Dictionary<string, string> { ["en"] = "Not published yet." } });
        await ProblemAsync(token, HttpMethod.Post, $"/api/v1/admin/statements/{id}/schedule", HttpStatusCode.BadRequest, new { at = "tomorrow" });
        await ProblemAsync(token, HttpMethod.Get, "/api/v1/admin/statements?cursor=not-a-cursor", HttpStatusCode.BadRequest);
        await ProblemAsync(token, HttpMethod.Get, "/api/v1/admin/statements?status=lost", HttpStatusCode.BadRequest);
        await ProblemAsync(token, HttpMethod.Get, "/api/v1/admin/statements/999999", HttpStatusCode.NotFound);
        Assert.Equal(stamp, await StampAsync(id));

        var exe = "MZ"u8.ToArray().Concat(new byte[2048]).ToArray();
        var refused = await UploadAsync(token, id, exe, "report.pdf", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("PDF", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(stamp, await StampAsync(id));

        var attached = await UploadAsync(token, id, TestFiles.Pdf("Annex"), "annex.pdf", HttpStatusCode.Created);
        await SendAsync(token, HttpMethod.Delete, $"/api/v1/admin/statements/{id}/attachments/{attached.GetProperty("id").GetInt32()}",
            "/api/v1/admin/statements/{id}/attachments/{attachmentId}", HttpStatusCode.NoContent);
        var after = await RawAsync(token, HttpMethod.Get, $"/api/v1/admin/statements/{id}");
        Assert.Equal(0, JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("attachments").GetArrayLength());

        // Read again with the ETag: not modified.
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/admin/statements/{id}"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.IfNoneMatch.Add(after.Headers.ETag!);
            using var response = await app.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        }

        after.Dispose();
        await SendAsync(token, HttpMethod.Delete, $"/api/v1/admin/statements/{id}", "/api/v1/admin/statements/{id}", HttpStatusCode.NoContent);
        await ProblemAsync(token, HttpMethod.Get, $"/api/v1/admin/statements/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_document_describes_the_editorial_endpoints_and_their_token()
    {
        var document = await DocumentAsync();
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["token"]!["scheme"]!.GetValue<string>());
        var editorial = document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/v1/admin/", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, editorial.Count);
        foreach (var (path, item) in editorial)
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                Assert.NotNull(operation!["security"]);
                Assert.NotNull(operation["responses"]!["401"]);
                Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{method} {path}");
            }
        }

        var write = document["components"]!["schemas"]!["TranslationWrite"]!;
        Assert.Equal(["language", "title", "body"], write["required"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private async Task<(string Token, string UserId)> TokenAsync(string role, ApiScopes scopes)
    {
        var user = await app.CreateUserAsync($"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org", role);
        await using var scope = app.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokens>();
        var actor = new Actor(user.Id, user.DisplayName, new HashSet<string> { role });
        var (outcome, token) = await tokens.CreateAsync("test", scopes, 30, actor, default);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Refusals));
        return (token!, user.Id);
    }

    private async Task<int> DraftAsync(string token, string title)
    {
        var created = await SendAsync(token, HttpMethod.Post, "/api/v1/admin/statements", "/api/v1/admin/statements", HttpStatusCode.Created, new
        {
            type = "statement",
            signatories = Sepehr,
            translations = new[] { new { language = "en", title, body = "Text of " + title } },
        });
        return created.GetProperty("id").GetInt32();
    }

    private async Task WithDbAsync(Func<Data.BayanDb, Task> act)
    {
        var (scope, db) = app.Db();
        await using (scope)
        {
            await act(db);
        }
    }

    private async Task<string?> StampAsync(int id)
    {
        var (scope, db) = app.Db();
        await using (scope)
        {
            return await db.Statements.Where(s => s.Id == id).Select(s => s.ConcurrencyStamp).SingleAsync();
        }
    }

    private async Task<HttpResponseMessage> RawAsync(string token, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent(body);
        }

        return await app.Client.SendAsync(request);
    }

    /// <summary>Sends a request with the token; expects <paramref name="status"/> and an answer the document describes.</summary>
    private async Task<JsonElement> SendAsync(string token, HttpMethod method, string url, string path, HttpStatusCode status = HttpStatusCode.OK, object? body = null)
    {
        using var response = await RawAsync(token, method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {url}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Headers.CacheControl?.NoStore, "editorial answers are never stored");
        if (status == HttpStatusCode.NoContent)
        {
            return default;
        }

        OpenApiDocument.AssertValid(await DocumentAsync(), text, path, method.Method.ToLowerInvariant(), ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), "application/json");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> ProblemAsync(string token, HttpMethod method, string url, HttpStatusCode status, object? body = null)
    {
        using var response = await RawAsync(token, method, url, body);
        return await ProblemOfAsync(response, status, null, method.Method.ToLowerInvariant());
    }

    /// <summary>Expects problem details with <paramref name="status"/>, listed by the document for the operation when its path is given.</summary>
    private async Task<JsonElement> ProblemOfAsync(HttpResponseMessage response, HttpStatusCode status, string? path, string method)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (path is not null)
        {
            OpenApiDocument.AssertValid(await DocumentAsync(), text, path, method, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), "application/problem+json");
        }

        return problem;
    }

    private async Task<JsonElement> UploadAsync(string token, int id, byte[] bytes, string fileName, HttpStatusCode status)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/statements/{id}/attachments") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await app.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"upload: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        OpenApiDocument.AssertValid(await DocumentAsync(), text, "/api/v1/admin/statements/{id}/attachments", "post",
            ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), status == HttpStatusCode.Created ? "application/json" : "application/problem+json");
        return JsonDocument.Parse(text).RootElement;
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Web), Encoding.UTF8, "application/json");

    private static string Antiforgery(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private async Task<JsonObject> DocumentAsync() =>
        site.Document ??= JsonNode.Parse(await app.Client.GetStringAsync("/openapi/v1.json"))!.AsObject();
}
