using Bayan.Accounts;
using Bayan.Core;
using Bayan.Core.Audit;
using Bayan.Core.Statements;
using Bayan.Data;
using Bayan.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bayan.Tests.Publishing;

/// <summary>Every transition of the workflow, by the roles allowed and refused, on a real database and site.</summary>
public sealed class WorkflowTests : IAsyncLifetime
{
    private static readonly Actor Author = new("author-id", "author@example.org", new HashSet<string> { Roles.Author });
    private static readonly Actor Editor = new("editor-id", "editor@example.org", new HashSet<string> { Roles.Editor });
    private static readonly Actor Translator = new("translator-id", "translator@example.org", new HashSet<string> { Roles.Translator });

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private BayanApp app = null!;

    public async Task InitializeAsync() => app = await BayanApp.StartAsync(demo: true, clock, "--Bayan:CacheSeconds=0", "--Bayan:SchedulerSeconds=60");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_author_writes_and_submits_an_editor_publishes_and_it_tops_the_listing_with_the_next_series_number()
    {
        var id = await CreateAsync(Author, "Water trucks return to Kalat camp", series: "announcements");
        await AssertNotPublicAsync(id);

        Assert.True((await With(p => p.SubmitAsync(id, StampOf(id), Author))).Succeeded);
        var refused = await With(p => p.PublishAsync(id, StampOf(id), Author));
        Assert.False(refused.Succeeded);
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);

        var listing = await app.GetHtmlAsync("/en/");
        Assert.Equal("Water trucks return to Kalat camp", listing.QuerySelector(".entry-title a")!.TextContent);
        Assert.Equal("Announcement No. 12", listing.QuerySelector(".entry-label")!.TextContent);
        await WithDb(async db => Assert.Equal(clock.GetUtcNow().UtcDateTime, (await db.Statements.FindAsync(id))!.PublishedAt));
    }

    [Fact]
    public async Task Translators_cannot_create_statements_and_their_translations_wait_for_an_editor()
    {
        var refused = await With<StatementWriter>(w => w.SaveAsync(Input(null, "A translator's statement"), Translator));
        Assert.False(refused.Succeeded);

        var id = await CreateAsync(Editor, "Statement on the Dasht plain harvest");
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);

        var translation = Input(id, "Statement on the Dasht plain harvest");
        translation.Translations = [new TranslationInput { Language = "fa", Title = "بیانیه دربارهٔ برداشت دشت", Body = "متن فارسی بیانیه." }];
        Assert.True((await With<StatementWriter>(w => w.SaveAsync(translation, Translator))).Succeeded);
        await app.GetHtmlAsync($"/fa/statements/{id}/x", 404);

        Assert.True((await With(p => p.PublishChangesAsync(id, StampOf(id), new Dictionary<string, string?>(), Editor))).Succeeded);
        var page = await app.GetHtmlAsync($"/fa/statements/{id}/{Uri.EscapeDataString("بیانیه-دربارهٔ-برداشت-دشت")}");
        Assert.Equal("بیانیه دربارهٔ برداشت دشت", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Authors_change_their_own_drafts_and_only_translate_anothers()
    {
        var otherAuthor = new Actor("other-author-id", "other@example.org", new HashSet<string> { Roles.Author });
        var id = await CreateAsync(Author, "Clinic hours extended");
        var stamp = StampOf(id);

        // The editor form shows them the statement's details without fields: details they send anyway are not taken.
        var details = Input(id, "Clinic hours extended", series: "announcements");
        Assert.True((await With<StatementWriter>(w => w.SaveAsync(details, otherAuthor))).Succeeded);
        await WithDb(async db => Assert.Null((await db.Statements.FindAsync(id))!.SeriesId));
        stamp = StampOf(id);
        var rewritten = await With<StatementWriter>(w => w.SaveAsync(Input(id, "Clinic hours cut"), otherAuthor));
        Assert.Equal(Refusal.Forbidden, rewritten.Kind);
        Assert.Equal(Refusal.Forbidden, (await With(p => p.SubmitAsync(id, stamp, otherAuthor))).Kind);
        Assert.Equal(Refusal.Forbidden, (await With(p => p.DeleteAsync(id, stamp, otherAuthor))).Kind);
        Assert.Equal(stamp, StampOf(id));

        // A translation is welcome; the statement's own details stay as its author left them.
        var translation = Input(id, "Clinic hours extended");
        translation.Translations = [new TranslationInput { Language = "ar", Title = "تمديد ساعات العيادة", Body = "نص." }];
        Assert.True((await With<StatementWriter>(w => w.SaveAsync(translation, otherAuthor))).Succeeded);
        Assert.True((await With(p => p.SubmitAsync(id, StampOf(id), Author))).Succeeded);
        await WithDb(async db => Assert.Null((await db.Statements.FindAsync(id))!.SeriesId));
    }

    [Fact]
    public async Task A_translator_saving_the_whole_form_leaves_the_original_alone_whatever_its_line_breaks()
    {
        var input = Input(null, "Night shelters open", body: "First paragraph.\n\nSecond paragraph.");
        var id = await SaveAsync(input, Editor);
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);

        // As a browser posts the editor: every language, textareas with CR LF line breaks.
        var form = Input(id, "Night shelters open", body: "First paragraph.\r\n\r\nSecond paragraph.");
        form.Translations.Add(new TranslationInput { Language = "fa", Title = "سرپناه‌های شبانه باز شد", Body = "بند نخست.\r\n\r\nبند دوم." });
        var saved = await With<StatementWriter>(w => w.SaveAsync(form, Translator));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Refusals));
        await WithDb(async db => Assert.Equal(1, await db.Revisions.CountAsync(r => r.Translation.StatementId == id && r.Translation.Language == "en")));

        var rewritten = Input(id, "Night shelters closed", body: "First paragraph.");
        Assert.Equal(Refusal.Forbidden, (await With<StatementWriter>(w => w.SaveAsync(rewritten, Translator))).Kind);
    }

    [Fact]
    public async Task A_correction_waits_until_published_then_shows_its_note_and_flags_translations_out_of_date()
    {
        var input = Input(null, "Convoy access restored", body: "The road reopened on 3 March.");
        input.Translations.Add(new TranslationInput { Language = "ar", Title = "استعادة وصول القوافل", Body = "أعيد فتح الطريق في ٣ مارس." });
        var id = await SaveAsync(input, Editor);
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);

        var corrected = Input(id, "Convoy access restored", body: "The road reopened on 4 March.");
        Assert.True((await With<StatementWriter>(w => w.SaveAsync(corrected, Editor))).Succeeded);
        var before = await app.GetHtmlAsync($"/en/statements/{id}/convoy-access-restored");
        Assert.Contains("3 March", before.QuerySelector(".statement-body")!.TextContent);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await With(p => p.PublishChangesAsync(id, StampOf(id), new Dictionary<string, string?> { ["en"] = "Corrected the date the road reopened.", ["ar"] = "ملاحظة لا تخص النص العربي" }, Editor))).Succeeded);

        var after = await app.GetHtmlAsync($"/en/statements/{id}/convoy-access-restored");
        Assert.Contains("4 March", after.QuerySelector(".statement-body")!.TextContent);
        Assert.Contains("Corrected the date the road reopened.", after.QuerySelector(".corrections")!.TextContent);
        Assert.Equal(2, after.QuerySelectorAll(".statement-dates time").Length);
        var arabic = await app.GetHtmlAsync($"/ar/statements/{id}/{Uri.EscapeDataString("استعادة-وصول-القوافل")}");
        Assert.NotNull(arabic.QuerySelector(".notice-out-of-date"));
        // Only the English text changed: the Arabic page has no "Updated" date and no change note of its own.
        Assert.Single(arabic.QuerySelectorAll(".statement-dates time"));
        Assert.Null(arabic.QuerySelector(".corrections"));
    }

    [Fact]
    public async Task A_withdrawn_statement_gives_its_reason_in_each_language_and_can_be_reinstated()
    {
        var input = Input(null, "Call for a ceasefire in the valley");
        input.Translations.Add(new TranslationInput { Language = "fa", Title = "درخواست آتش‌بس در دره", Body = "متن فارسی." });
        var id = await SaveAsync(input, Editor);
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);

        var reason = new LocalizedText(new Dictionary<string, string> { ["en"] = "Superseded by the joint statement.", ["fa"] = "بیانیهٔ مشترک جای آن را گرفت." });
        Assert.False((await With(p => p.ReinstateAsync(id, StampOf(id), Editor))).Succeeded);
        Assert.True((await With(p => p.WithdrawAsync(id, StampOf(id), reason, Editor))).Succeeded);
        var english = await app.GetHtmlAsync($"/en/statements/{id}/call-for-a-ceasefire-in-the-valley");
        Assert.Contains("Superseded by the joint statement.", english.QuerySelector(".notice-withdrawn")!.TextContent);
        var persian = await app.GetHtmlAsync($"/fa/statements/{id}/{Uri.EscapeDataString("درخواست-آتش-بس-در-دره")}");
        Assert.Contains("بیانیهٔ مشترک جای آن را گرفت.", persian.QuerySelector(".notice-withdrawn")!.TextContent);

        Assert.False((await With(p => p.ReinstateAsync(id, StampOf(id), Author))).Succeeded);
        Assert.True((await With(p => p.ReinstateAsync(id, StampOf(id), Editor))).Succeeded);
        Assert.Equal(StatementStatus.Published, await Status(id));
        var reinstated = await app.GetHtmlAsync($"/en/statements/{id}/call-for-a-ceasefire-in-the-valley");
        Assert.Null(reinstated.QuerySelector(".notice-withdrawn"));
        await WithDb(async db => Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Reinstated && e.Subject == $"statement {id}")));
    }

    [Fact]
    public async Task A_scheduled_statement_is_published_by_the_scheduler_when_its_time_comes()
    {
        var id = await CreateAsync(Editor, "Winter distribution begins");
        var at = clock.GetUtcNow().UtcDateTime.AddHours(2);
        Assert.False((await With(p => p.ScheduleAsync(id, StampOf(id), clock.GetUtcNow().UtcDateTime.AddMinutes(-1), Editor))).Succeeded);
        Assert.True((await With(p => p.ScheduleAsync(id, StampOf(id), at, Editor))).Succeeded);

        clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(300);
        await AssertNotPublicAsync(id);

        clock.Advance(TimeSpan.FromHours(2));
        var status = StatementStatus.Scheduled;
        for (var i = 0; i < 50 && status != StatementStatus.Published; i++)
        {
            await Task.Delay(100);
            status = await Status(id);
        }

        Assert.Equal(StatementStatus.Published, status);
        await app.GetHtmlAsync($"/en/statements/{id}/winter-distribution-begins");
    }

    [Fact]
    public async Task A_statement_that_fell_due_while_the_site_was_down_is_published_at_start()
    {
        var id = await CreateAsync(Editor, "Published after a restart");
        Assert.True((await With(p => p.ScheduleAsync(id, StampOf(id), clock.GetUtcNow().UtcDateTime.AddHours(1), Editor))).Succeeded);
        var directory = app.DataDirectory;
        await app.StopAsync();

        clock.Advance(TimeSpan.FromHours(2));
        app = await BayanApp.StartOnAsync(demo: false, clock, directory, "--Bayan:CacheSeconds=0", "--Bayan:SchedulerSeconds=60");

        var status = StatementStatus.Scheduled;
        for (var i = 0; i < 50 && status != StatementStatus.Published; i++)
        {
            await Task.Delay(100);
            status = await Status(id);
        }

        Assert.Equal(StatementStatus.Published, status);
    }

    [Fact]
    public async Task Withdrawing_needs_a_reason_and_takes_the_statement_out_of_the_listings()
    {
        var id = await CreateAsync(Editor, "Registration days announced");
        await With(p => p.PublishAsync(id, StampOf(id), Editor));

        Assert.False((await With(p => p.WithdrawAsync(id, StampOf(id), LocalizedText.None, Editor))).Succeeded);
        Assert.False((await With(p => p.WithdrawAsync(id, StampOf(id), LocalizedText.Of("en", "Superseded."), Author))).Succeeded);
        Assert.True((await With(p => p.WithdrawAsync(id, StampOf(id), LocalizedText.Of("en", "Superseded by the new schedule."), Editor))).Succeeded);

        var page = await app.GetHtmlAsync($"/en/statements/{id}/registration-days-announced");
        Assert.Contains("Superseded by the new schedule.", page.QuerySelector(".notice-withdrawn")!.TextContent);
        var listing = await app.GetHtmlAsync("/en/");
        Assert.DoesNotContain(listing.QuerySelectorAll(".entry-title a"), a => a.TextContent == "Registration days announced");
    }

    [Fact]
    public async Task Only_drafts_go_to_the_trash_and_they_come_back()
    {
        var id = await CreateAsync(Author, "A draft to throw away");
        Assert.True((await With(p => p.SubmitAsync(id, StampOf(id), Author))).Succeeded);
        Assert.False((await With(p => p.DeleteAsync(id, StampOf(id), Author))).Succeeded);
        Assert.True((await With(p => p.SendBackAsync(id, StampOf(id), "Not needed after all.", Editor))).Succeeded);

        Assert.True((await With(p => p.DeleteAsync(id, StampOf(id), Author))).Succeeded);
        Assert.False((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);
        Assert.True((await With(p => p.RestoreAsync(id, Author))).Succeeded);
        Assert.Equal(StatementStatus.Draft, await Status(id));
    }

    [Fact]
    public async Task The_second_of_two_saves_from_the_same_version_is_refused_and_changes_nothing()
    {
        var id = await CreateAsync(Author, "Two editors, one text");
        var stamp = StampOf(id);
        var first = Input(id, "Two editors, one text", body: "First person's text.", stamp: stamp);
        var second = Input(id, "Two editors, one text", body: "Second person's text.", stamp: stamp);

        Assert.True((await With<StatementWriter>(w => w.SaveAsync(first, Author))).Succeeded);
        var refused = await With<StatementWriter>(w => w.SaveAsync(second, Editor));

        Assert.False(refused.Succeeded);
        Assert.Contains("Someone else saved", refused.Refusals[0]);
        await WithDb(async db => Assert.Equal("First person's text.", (await db.Translations.SingleAsync(t => t.StatementId == id)).BodySource));
    }

    [Fact]
    public async Task Invalid_transitions_and_duplicates_are_refused_with_reasons()
    {
        var id = await CreateAsync(Editor, "A unique title for slugs");
        var twin = await CreateAsync(Editor, "A unique title for slugs");
        await WithDb(async db =>
        {
            var slugs = await db.Translations.Where(t => t.StatementId == id || t.StatementId == twin).Select(t => t.Slug).ToListAsync();
            Assert.Equal(["a-unique-title-for-slugs", "a-unique-title-for-slugs-2"], slugs.Order());
        });

        var typedTwin = Input(twin, "A unique title for slugs");
        typedTwin.Translations[0].Slug = "a-unique-title-for-slugs";
        Assert.Contains("already used", (await With<StatementWriter>(w => w.SaveAsync(typedTwin, Editor))).Refusals[0]);

        var numbered = Input(twin, "A unique title for slugs", series: "announcements");
        numbered.SeriesNumber = 3;
        Assert.Contains("already used in this series", (await With<StatementWriter>(w => w.SaveAsync(numbered, Editor))).Refusals[0]);

        Assert.False((await With(p => p.SubmitAsync(id, "stale-stamp", Editor))).Succeeded);
        await With(p => p.PublishAsync(id, StampOf(id), Editor));
        var again = await With(p => p.SubmitAsync(id, StampOf(id), Editor));
        Assert.Contains("published", again.Refusals[0]);

        var empty = Input(null, " ", body: "");
        Assert.Contains("needs a title and a text", (await With<StatementWriter>(w => w.SaveAsync(empty, Author))).Refusals[0]);
    }

    [Fact]
    public async Task Preview_links_expire()
    {
        var id = await CreateAsync(Author, "A draft with a short-lived preview");
        await using var scope = app.Services.CreateAsyncScope();
        var links = scope.ServiceProvider.GetRequiredService<PreviewLinks>();
        var (outcome, token) = await links.CreateAsync(id, 1, "partner", Author, default);
        Assert.True(outcome.Succeeded);

        Assert.Equal(id, await links.FindAsync(token!, default));
        clock.Advance(TimeSpan.FromDays(1.5));
        Assert.Null(await links.FindAsync(token!, default));
        Assert.False((await links.CreateAsync(id, 1, null, Translator, default)).Outcome.Succeeded);
    }

    private StatementInput Input(int? id, string title, string body = "The statement's text.", string? series = null, string? stamp = null)
    {
        var (typeId, orgId, seriesId) = Taxonomy(series);
        return new StatementInput
        {
            Id = id,
            ConcurrencyStamp = stamp ?? (id is { } existing ? StampOf(existing) : null),
            TypeId = typeId,
            SeriesId = seriesId,
            Signatories = [orgId],
            OriginalLanguage = "en",
            Translations = [new TranslationInput { Language = "en", Title = title, Body = body }],
        };
    }

    private (int Type, int Org, int? Series) Taxonomy(string? series)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BayanDb>();
        return (
            db.StatementTypes.Single(t => t.Slug == (series == null ? "statement" : "announcement")).Id,
            db.Organizations.Single(o => o.IsOwn).Id,
            series == null ? null : db.Series.Single(s => s.Slug == series).Id);
    }

    [Fact]
    public async Task A_series_number_is_held_by_one_statement_and_a_restored_draft_gives_up_a_number_taken_meanwhile()
    {
        var first = await CreateAsync(Editor, "First in the series", series: "announcements");
        Assert.True((await With(p => p.PublishAsync(first, StampOf(first), Editor))).Succeeded);
        var draft = await CreateAsync(Editor, "Draft that will go to the trash", series: "announcements");
        int number = 0;
        await WithDb(async db => number = (await db.Statements.FindAsync(first))!.SeriesNumber!.Value);

        // The database itself refuses a second holder of the number, whatever the code above it does.
        await WithDb(async db =>
        {
            (await db.Statements.FindAsync(draft))!.SeriesNumber = number;
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(Bayan.Data.UniqueViolation.Is(refused));
        });

        // In the trash, a number does not count; restored, the draft comes back without it if it was taken meanwhile.
        await WithDb(async db =>
        {
            var trashed = (await db.Statements.FindAsync(draft))!;
            trashed.DeletedAt = clock.GetUtcNow().UtcDateTime;
            trashed.SeriesNumber = number + 1;
            await db.SaveChangesAsync();
        });
        var third = await CreateAsync(Editor, "Takes the number meanwhile", series: "announcements");
        await WithDb(async db =>
        {
            (await db.Statements.FindAsync(third))!.SeriesNumber = number + 1;
            await db.SaveChangesAsync();
        });
        Assert.True((await With(p => p.RestoreAsync(draft, Editor))).Succeeded);
        await WithDb(async db => Assert.Null((await db.Statements.FindAsync(draft))!.SeriesNumber));
    }

    [Fact]
    public async Task Years_are_counted_in_the_sites_time_zone()
    {
        var id = await CreateAsync(Editor, "Published just after midnight in Tehran Qarvandel");
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);
        await WithDb(async db =>
        {
            // 31 December 2025, 22:00 UTC is 1 January 2026, 01:30 in Tehran.
            (await db.Statements.FindAsync(id))!.PublishedAt = new DateTime(2025, 12, 31, 22, 0, 0, DateTimeKind.Utc);
            (await db.SiteIdentity.OrderBy(s => s.Id).FirstAsync()).TimeZone = "Asia/Tehran";
            await db.SaveChangesAsync();
        });
        await app.Services.GetRequiredService<Bayan.Shared.ContentChanges>().SiteSavedAsync();

        var in2026 = await app.GetHtmlAsync("/en/search?q=qarvandel&from=2026&to=2026");
        var in2025 = await app.GetHtmlAsync("/en/search?q=qarvandel&from=2025&to=2025");

        Assert.Single(in2026.QuerySelectorAll(".entries article"));
        Assert.Empty(in2025.QuerySelectorAll(".entries article"));
        Assert.Contains("1 January 2026", in2026.QuerySelector(".entries time")!.TextContent);
    }

    [Fact]
    public async Task A_change_to_the_whole_site_is_not_lost_when_one_statement_changes_right_after()
    {
        var id = await CreateAsync(Editor, "Published in 2026 Qarvandel");
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);
        var other = await CreateAsync(Editor, "Another one Zorbatan");
        Assert.True((await With(p => p.PublishAsync(other, StampOf(other), Editor))).Succeeded);
        Assert.Single((await app.GetHtmlAsync("/en/search?q=qarvandel&from=2026&to=2026")).QuerySelectorAll(".entries article"));

        // Something only a full reading of the facts sees, then a change to another statement: search must read everything.
        await WithDb(async db =>
        {
            (await db.Statements.FindAsync(id))!.PublishedAt = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
        });
        var changes = app.Services.GetRequiredService<Bayan.Shared.ContentChanges>();
        await changes.SiteSavedAsync();
        await changes.StatementSavedAsync(other);

        Assert.Single((await app.GetHtmlAsync("/en/search?q=qarvandel&from=2024&to=2024")).QuerySelectorAll(".entries article"));
    }

    [Fact]
    public async Task Search_follows_publishing_a_change_of_details_and_a_withdrawal_at_once_with_its_caches_on()
    {
        await app.DisposeAsync();
        app = await BayanApp.StartAsync(demo: true, clock, "--Bayan:SchedulerSeconds=60");
        static async Task<int> Found(BayanApp app, string query) => (await app.GetHtmlAsync("/en/search?q=" + query)).QuerySelectorAll(".entries article").Length;

        // Searched before the statement exists: the empty answer and its matches are cached, and must not outlive the change.
        Assert.Equal(0, await Found(app, "zarvandi"));
        var id = await CreateAsync(Editor, "Zarvandi wells reopened");
        Assert.True((await With(p => p.PublishAsync(id, StampOf(id), Editor))).Succeeded);
        Assert.Equal(1, await Found(app, "zarvandi"));
        Assert.Equal(1, await Found(app, "zarvandi&type=statement"));

        // The details of a published statement change on the public site when saved: so do search's filters and facets.
        var details = Input(id, "Zarvandi wells reopened");
        details.TypeId = Taxonomy("announcements").Type;
        Assert.True((await With<StatementWriter>(w => w.SaveAsync(details, Editor))).Succeeded);
        Assert.Equal(0, await Found(app, "zarvandi&type=statement"));
        Assert.Equal(1, await Found(app, "zarvandi&type=announcement"));

        Assert.True((await With(p => p.WithdrawAsync(id, StampOf(id), new LocalizedText(new Dictionary<string, string> { ["en"] = "Issued in error." }), Editor))).Succeeded);
        Assert.Equal(0, await Found(app, "zarvandi"));
        Assert.Equal(0, await Found(app, "zarvandi&type=announcement"));
    }

    private async Task<int> CreateAsync(Actor actor, string title, string? series = null) => await SaveAsync(Input(null, title, series: series), actor);

    private async Task<int> SaveAsync(StatementInput input, Actor actor)
    {
        var outcome = await With<StatementWriter>(w => w.SaveAsync(input, actor));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Refusals));
        return outcome.StatementId!.Value;
    }

    private string StampOf(int id)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<BayanDb>().Statements.Where(s => s.Id == id).Select(s => s.ConcurrencyStamp).Single();
    }

    private async Task<StatementStatus> Status(int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BayanDb>().Statements.Where(s => s.Id == id).Select(s => s.Status).SingleAsync();
    }

    private async Task AssertNotPublicAsync(int id)
    {
        using var response = await app.Client.GetAsync(new Uri($"/en/statements/{id}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<Outcome> With(Func<Publisher, Task<Outcome>> act) => With<Publisher>(act);

    private async Task<Outcome> With<T>(Func<T, Task<Outcome>> act)
        where T : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<T>());
    }

    private async Task WithDb(Func<BayanDb, Task> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<BayanDb>());
    }
}
