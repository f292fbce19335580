using System.Net;
using Bayan.Cli;
using Bayan.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bayan.Tests.Import;

/// <summary>
/// `import wordpress` with an export written the way WordPress 6 writes it (a Persian site: a block-editor post, a
/// classic post with a caption, a script and an unknown shortcode, a draft, a post in the trash, a page, an image, a post
/// without a title), run as the command line runs it, then the site started on the result.
/// </summary>
[Collection(CommandLineDefinition.Name)]
public sealed class WordPressImportTests
{
    private static readonly string Export = Path.Combine(RepositoryPaths.Root, "tests", "Bayan.Tests", "Import", "sepehr-fa.wxr.xml");

    [Fact]
    public async Task An_export_comes_in_with_its_text_dates_topics_and_old_addresses_and_again_changes_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("bayan-import-").FullName;
        var data = await TestDatabase.VerbSettingsAsync(directory);
        Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", Export, .. data]));

        // Stopped, not disposed, after: disposing the site deletes its data directory.
        await using (var kept = new Kept(await BayanApp.StartOnAsync(demo: false, clock: null, directory)))
        {
            var app = kept.App;
            var (scope, db) = app.Db();
            await using (scope)
            {
                Assert.Equal(4, await db.ImportedPosts.CountAsync());
                var statements = await db.Statements.Include(s => s.Translations).Include(s => s.Tags).AsSplitQuery().ToListAsync();
                Assert.Equal(4, statements.Count);
                var water = statements.Single(s => s.Translations[0].Title == "بیانیه دربارهٔ آب‌رسانی به اردوگاه کلات");
                Assert.Equal(new DateTime(2023, 8, 6, 7, 30, 0, DateTimeKind.Utc), water.PublishedAt);
                Assert.Equal(new DateTime(2023, 8, 7, 6, 30, 0, DateTimeKind.Utc), water.UpdatedAt);
                Assert.Equal("بیانیه-کلات", water.Translations[0].Slug);
                Assert.Equal("رسیدن آب به اردوگاه کلات.", water.Translations[0].Summary);
                Assert.Equal(["آب", "بیانیه-ها"], water.Tags.Select(t => t.Slug).Order(StringComparer.Ordinal));
                Assert.Equal("fa", water.Translations[0].Language);
                Assert.Equal("مریم تهرانی", await db.Revisions.Where(r => r.TranslationId == water.Translations[0].Id).Select(r => r.SavedBy).SingleAsync());
                var draft = statements.Single(s => s.Translations[0].Title == "پیش‌نویس اطلاعیه");
                Assert.Equal(Bayan.Core.Statements.StatementStatus.Draft, draft.Status);
                var untitled = statements.Single(s => s.Translations[0].Title.StartsWith("کمک‌های زمستانی", StringComparison.Ordinal));
                Assert.Equal(Bayan.Core.Statements.StatementStatus.Published, untitled.Status);
                Assert.Contains(await db.Organizations.ToListAsync(), o => o.IsOwn && o.Names.Get("fa") == "انجمن امدادی سپهر");
            }

            // An editor correcting an imported text edits HTML, and it stays HTML (in Markdown, the indented line would be code).
            await using (var services = app.Services.CreateAsyncScope())
            {
                var writer = services.ServiceProvider.GetRequiredService<Bayan.Publishing.StatementWriter>();
                var (s2, db2) = app.Db();
                await using (s2)
                {
                    var clinicId = await db2.ImportedPosts.Where(p => p.PostId == 102).Select(p => p.StatementId).SingleAsync();
                    var statement = await db2.Statements.Include(s => s.Translations).Include(s => s.Signatories).AsSplitQuery().SingleAsync(s => s.Id == clinicId);
                    var input = new Bayan.Publishing.StatementInput
                    {
                        Id = clinicId,
                        ConcurrencyStamp = statement.ConcurrencyStamp,
                        TypeId = statement.TypeId,
                        OriginalLanguage = "fa",
                        Signatories = [.. statement.Signatories.Select(x => x.OrganizationId)],
                        Translations = [new Bayan.Publishing.TranslationInput { Language = "fa", Title = statement.Translations[0].Title, Slug = statement.Translations[0].Slug, Body = "<p>یک</p>\n\n    <p>دو</p>" }],
                    };
                    var editor = new Bayan.Publishing.Actor("editor", "editor", new HashSet<string> { Bayan.Accounts.Roles.Editor });
                    Assert.True((await writer.SaveAsync(input, editor)).Succeeded);
                }

                var (s3, db3) = app.Db();
                await using (s3)
                {
                    var latest = await db3.Revisions.Where(r => r.Translation.Statement.Translations.Any(t => t.Title == "گزارش درمانگاه سیار")).OrderByDescending(r => r.Id).FirstAsync();
                    Assert.Equal(Bayan.Core.Text.BodyFormat.Html, latest.BodyFormat);
                    Assert.Contains("<p>دو</p>", latest.BodyHtml, StringComparison.Ordinal);
                }
            }

            // Old addresses: the permalink (as WordPress wrote it, percent-encoded) and /?p=ID.
            var permalink = await app.Client.GetAsync("/1402/05/%d8%a8%db%8c%d8%a7%d9%86%db%8c%d9%87-%da%a9%d9%84%d8%a7%d8%aa/");
            Assert.Equal(HttpStatusCode.MovedPermanently, permalink.StatusCode);
            var page = permalink.Headers.Location!.ToString();
            Assert.StartsWith("/fa/statements/", page, StringComparison.Ordinal);
            var byId = await app.Client.GetAsync("/?p=101");
            Assert.Equal(page, byId.Headers.Location!.ToString());
            Assert.Equal(page, (await app.Client.GetAsync("/index.php?p=101")).Headers.Location!.ToString());
            Assert.Equal(page, (await app.Client.GetAsync("/?p=101&utm_source=newsletter")).Headers.Location!.ToString());

            var html = await app.GetHtmlAsync(page);
            Assert.Equal("سه تانکر آب", html.QuerySelector(".statement-body strong")!.TextContent);
            Assert.Equal(2, html.QuerySelectorAll(".statement-body p").Length);
            Assert.DoesNotContain("wp:paragraph", html.QuerySelector(".statement-body")!.InnerHtml, StringComparison.Ordinal);

            // The classic post: paragraphs from blank lines, the caption a figure, the script and handler gone, the unknown shortcode as text.
            var clinic = await app.GetHtmlAsync((await app.Client.GetAsync("/?p=102")).Headers.Location!.ToString());
            var body = clinic.QuerySelector(".statement-body")!;
            Assert.Equal("درمانگاه سیار در سرخاب", body.QuerySelector("figure figcaption")!.TextContent);
            Assert.Contains("<br>", body.QuerySelector("p")!.InnerHtml, StringComparison.Ordinal);
            Assert.Null(body.QuerySelector("script"));
            Assert.DoesNotContain("onclick", body.InnerHtml, StringComparison.Ordinal);
            Assert.Contains("[contact-form-7", body.TextContent, StringComparison.Ordinal);

            // The draft stays private (its old address leads home, like any unknown one); the trash and the page were not imported.
            Assert.NotEqual(HttpStatusCode.MovedPermanently, (await app.Client.GetAsync("/?p=103")).StatusCode);
            Assert.NotEqual(HttpStatusCode.MovedPermanently, (await app.Client.GetAsync("/?p=104")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/about/")).StatusCode);
        }

        // The same file again: nothing duplicated, nothing changed.
        Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", Export, .. data]));
        await using (var again = await BayanApp.StartOnAsync(demo: false, clock: null, directory))
        {
            var (scope, db) = again.Db();
            await using (scope)
            {
                Assert.Equal(4, await db.Statements.CountAsync());
                Assert.Equal(11, await db.Redirects.CountAsync());
                // The editor's correction stands: the post did not change in WordPress.
                Assert.Equal(5, await db.Revisions.CountAsync());
                Assert.Contains("<p>دو</p>", await db.Revisions.OrderByDescending(r => r.Id).Select(r => r.BodyHtml).FirstAsync(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_report_names_what_was_skipped_and_what_was_changed_on_the_way()
    {
        var directory = Directory.CreateTempSubdirectory("bayan-import-").FullName;
        var output = await Captured.OutAsync(async () =>
        {
            Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", Export, .. await TestDatabase.VerbSettingsAsync(directory)]));
        });

        var report = output.ToString();
        Assert.Contains("Imported 4, updated 0, unchanged 0, skipped 2", report, StringComparison.Ordinal);
        Assert.Contains("page 105 \"دربارهٔ ما\": a page (add --pages to import pages)", report, StringComparison.Ordinal);
        Assert.Contains("post 104 \"نوشتهٔ حذف‌شده\": in the trash", report, StringComparison.Ordinal);
        Assert.Contains("[contact-form-7]", report, StringComparison.Ordinal);
        Assert.Contains("scripts or event handlers removed", report, StringComparison.Ordinal);
        Assert.Contains("post 107 has no title", report, StringComparison.Ordinal);
        Assert.Contains("image(s) on another host will not show", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_found_in_a_copy_of_the_uploads_become_attachments_and_the_text_shows_them()
    {
        var directory = Directory.CreateTempSubdirectory("bayan-import-").FullName;
        var uploads = Directory.CreateDirectory(Path.Combine(directory, "uploads", "2023", "09")).Parent!.Parent!.FullName;
        using (var bitmap = new SkiaSharp.SKBitmap(64, 48))
        {
            bitmap.Erase(SkiaSharp.SKColors.SteelBlue);
            await File.WriteAllBytesAsync(Path.Combine(uploads, "2023", "09", "clinic.jpg"), bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80).ToArray());
        }

        var output = await Captured.OutAsync(async () =>
        {
            Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", Export, "--uploads", uploads, .. await TestDatabase.VerbSettingsAsync(directory)]));
            // Again: the same files are not attached twice.
            Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", Export, "--uploads", uploads, .. await TestDatabase.VerbSettingsAsync(directory)]));
        });

        Assert.Contains("2023/08/tanker.jpg is not in the uploads directory", output.ToString(), StringComparison.Ordinal);
        await using var app = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        var (scope, db) = app.Db();
        await using (scope)
        {
            var attachment = await db.Attachments.SingleAsync();
            Assert.Equal(("image/jpeg", "clinic.jpg", 64), (attachment.ContentType, attachment.FileName, attachment.Width ?? 0));
        }

        var clinic = await app.GetHtmlAsync((await app.Client.GetAsync("/?p=102")).Headers.Location!.ToString());
        var image = clinic.QuerySelector(".statement-body figure img")!.GetAttribute("src")!;
        Assert.StartsWith("/attachments/", image, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(image)).StatusCode);
    }

    [Fact]
    public async Task A_second_site_in_another_language_links_its_posts_as_translations_and_the_mapping_sorts_types_and_series()
    {
        var directory = Directory.CreateTempSubdirectory("bayan-import-").FullName;
        var data = await TestDatabase.VerbSettingsAsync(directory);
        Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", Export, .. data]));
        // Stopped, not disposed, after: disposing the site deletes its data directory.
        await using (var kept = new Kept(await BayanApp.StartOnAsync(demo: false, clock: null, directory)))
        {
            var first = kept.App;
            var (scope, db) = first.Db();
            await using (scope)
            {
                db.Series.Add(new Bayan.Core.Taxonomy.Series { Slug = "announcements", Names = Bayan.Core.LocalizedText.Of("en", "Announcements") });
                await db.SaveChangesAsync();
            }
        }

        var english = Path.Combine(directory, "sepehr-en.xml");
        await File.WriteAllTextAsync(english, Wxr("https://en.sepehr.example.org", "en-US",
            Post(201, "Water reaches Kalat camp", "Three <strong>tankers</strong> arrived today.", ("category", "statements", "Statements")),
            Post(202, "Announcement No. 7: winter appeal", "Blankets and heaters are needed.", ("category", "joint", "Joint statements")),
            Post(203, "Announcement No. 7: a second use of the number", "Text.", ("category", "news", "News")),
            Post(204, "Far too long", new string('x', 600_000))));
        var mapping = Path.Combine(directory, "mapping.json");
        await File.WriteAllTextAsync(mapping, """
            {
              // Categories by slug: a type, a series, another topic, or nothing.
              "categories": { "joint": { "type": "joint-statement" }, "news": { "skip": true } },
              "series_patterns": [ { "pattern": "^Announcement No\\. (?<number>\\d+)", "series": "announcements" } ],
              "translations": { "source": "https://sepehr.example.org", "posts": { "201": 101 } }
            }
            """);
        Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", english, "--mapping", mapping, .. data]));

        await using var app = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        var (s2, db2) = app.Db();
        await using (s2)
        {
            var water = await db2.Statements.Include(s => s.Translations).SingleAsync(s => s.Translations.Any(t => t.Title == "Water reaches Kalat camp"));
            Assert.Equal(["en", "fa"], water.Translations.Select(t => t.Language).Order(StringComparer.Ordinal));
            Assert.True(water.Translations.Single(t => t.Language == "fa").IsOriginal);
            var appeal = await db2.Statements.Include(s => s.Type).Include(s => s.Series).SingleAsync(s => s.Translations.Any(t => EF.Functions.Like(t.Title, "Announcement No. 7: winter%")));
            Assert.Equal(("joint-statement", "announcements", 7), (appeal.Type.Slug, appeal.Series!.Slug, appeal.SeriesNumber ?? 0));
            var second = await db2.Statements.SingleAsync(s => s.Translations.Any(t => EF.Functions.Like(t.Title, "Announcement No. 7: a second%")));
            Assert.Null(second.SeriesNumber);
            Assert.False(await db2.Tags.AnyAsync(t => t.Slug == "news" || t.Slug == "joint"));
            Assert.False(await db2.Translations.AnyAsync(t => t.Title == "Far too long"));
        }

        // Its English page, from its old English address.
        var english201 = await app.Client.GetAsync("/?p=201");
        Assert.StartsWith($"/en/statements/", english201.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mapping_given_on_a_later_run_sorts_what_was_imported_before()
    {
        var directory = Directory.CreateTempSubdirectory("bayan-import-").FullName;
        var data = await TestDatabase.VerbSettingsAsync(directory);
        Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", Export, .. data]));
        var mapping = Path.Combine(directory, "mapping.json");
        await File.WriteAllTextAsync(mapping, """{ "categories": { "بیانیه-ها": { "type": "joint-statement" } } }""");
        Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", Export, "--mapping", mapping, .. data]));

        await using var app = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        var (scope, db) = app.Db();
        await using (scope)
        {
            var water = await db.Statements.Include(s => s.Type).Include(s => s.Tags).SingleAsync(s => s.Translations.Any(t => t.Title == "بیانیه دربارهٔ آب‌رسانی به اردوگاه کلات"));
            Assert.Equal("joint-statement", water.Type.Slug);
            Assert.Equal(["آب"], water.Tags.Select(t => t.Slug));
            Assert.Equal(4, await db.Statements.CountAsync());
        }
    }

    [Fact]
    public async Task Polylang_translation_groups_in_one_export_make_one_statement()
    {
        var directory = Directory.CreateTempSubdirectory("bayan-import-").FullName;
        var file = Path.Combine(directory, "polylang.xml");
        await File.WriteAllTextAsync(file, Wxr("https://polylang.example.org", "en-US",
            Post(301, "Clinic reopens", "The clinic is open again.", ("language", "en", "English"), ("post_translations", "pll_5f1a", "pll_5f1a")),
            Post(302, "درمانگاه بازگشایی شد", "درمانگاه دوباره باز است.", ("language", "fa", "فارسی"), ("post_translations", "pll_5f1a", "pll_5f1a")),
            Post(303, "Another statement", "Alone.", ("language", "en", "English"))));
        Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", file, .. await TestDatabase.VerbSettingsAsync(directory)]));
        Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", file, .. await TestDatabase.VerbSettingsAsync(directory)]));
        await using var app = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        var (scope, db) = app.Db();
        await using (scope)
        {
            Assert.Equal(2, await db.Statements.CountAsync());
            var clinic = await db.Statements.Include(s => s.Translations).SingleAsync(s => s.Translations.Count == 2);
            Assert.Equal(["en", "fa"], clinic.Translations.Select(t => t.Language).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Protected_posts_come_in_as_drafts_a_guid_given_twice_is_skipped_and_old_addresses_work_without_their_slash()
    {
        var directory = Directory.CreateTempSubdirectory("bayan-import-").FullName;
        var file = Path.Combine(directory, "export.xml");
        var secret = Post(401, "Members only", "Not for everyone.").Replace("<wp:post_parent>", "<wp:post_password><![CDATA[hunter2]]></wp:post_password><wp:post_parent>", StringComparison.Ordinal);
        var twin = Post(403, "A twin", "Same guid.").Replace("SITE/?p=403</guid>", "SITE/?p=402</guid>", StringComparison.Ordinal);
        var slashed = Post(402, "Slashed", "Text.").Replace("<link>SITE/?p=402</link>", "<link>SITE/2024/02/slashed/</link>", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, Wxr("https://protected.example.org", "en-US", secret, slashed, twin));
        Assert.Equal(0, await BayanCommandLine.RunAsync(["import", "wordpress", file, .. await TestDatabase.VerbSettingsAsync(directory)]));
        await using var app = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        var (scope, db) = app.Db();
        await using (scope)
        {
            Assert.Equal(Bayan.Core.Statements.StatementStatus.Draft, (await db.Statements.SingleAsync(s => s.Translations.Any(t => t.Title == "Members only"))).Status);
            Assert.False(await db.Translations.AnyAsync(t => t.Title == "A twin"));
        }

        Assert.Equal(HttpStatusCode.MovedPermanently, (await app.Client.GetAsync("/2024/02/slashed")).StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await app.Client.GetAsync("/2024/02/slashed/")).StatusCode);
    }

    [Fact]
    public async Task A_mapping_that_names_what_does_not_exist_is_refused_before_anything_is_written()
    {
        var directory = Directory.CreateTempSubdirectory("bayan-import-").FullName;
        var mapping = Path.Combine(directory, "mapping.json");
        await File.WriteAllTextAsync(mapping, """{ "categories": { "joint": { "type": "manifesto" } } }""");
        var errors = await Captured.ErrorAsync(async () =>
        {
            Assert.Equal(1, await BayanCommandLine.RunAsync(["import", "wordpress", Export, "--mapping", mapping, .. await TestDatabase.VerbSettingsAsync(directory)]));
            await File.WriteAllTextAsync(mapping, """{ "categorys": {} }""");
            Assert.Equal(1, await BayanCommandLine.RunAsync(["import", "wordpress", Export, "--mapping", mapping, .. await TestDatabase.VerbSettingsAsync(directory)]));
        });

        Assert.Contains("types that do not exist: manifesto", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("categorys", errors.ToString(), StringComparison.Ordinal);
        await using var app = await BayanApp.StartOnAsync(demo: false, clock: null, directory);
        var (scope, db) = app.Db();
        await using (scope)
        {
            Assert.Equal(0, await db.Statements.CountAsync());
        }
    }

    private static string Wxr(string site, string language, params string[] items) => $"""
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel><title>Sepehr</title><link>{site}</link><language>{language}</language><wp:wxr_version>1.2</wp:wxr_version>
        <wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{site}</wp:base_blog_url>
        {string.Concat(items.Select(i => i.Replace("SITE", site, StringComparison.Ordinal)))}
        </channel></rss>
        """;

    private static string Post(int id, string title, string content, params (string Taxonomy, string Slug, string Name)[] terms) => $"""
        <item><title><![CDATA[{title}]]></title><link>SITE/?p={id}</link><dc:creator><![CDATA[admin]]></dc:creator>
        <guid isPermaLink="false">SITE/?p={id}</guid><content:encoded><![CDATA[{content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
        <wp:post_id>{id}</wp:post_id><wp:post_date><![CDATA[2024-02-0{id % 9 + 1} 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-02-0{id % 9 + 1} 10:00:00]]></wp:post_date_gmt>
        <wp:post_name><![CDATA[]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[post]]></wp:post_type>
        {string.Concat(terms.Select(Term))}
        </item>
        """;

    private sealed class Kept(BayanApp app) : IAsyncDisposable
    {
        public BayanApp App => app;

        public ValueTask DisposeAsync() => new(app.StopAsync());
    }

    private static string Term((string Taxonomy, string Slug, string Name) term) =>
        $"<category domain=\"{term.Taxonomy}\" nicename=\"{term.Slug}\"><![CDATA[{term.Name}]]></category>";

    [Theory]
    [InlineData("<rss><channel><title>x</title>", "not well-formed")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel>&x;</channel></rss>", "DTD")]
    [InlineData("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Not WordPress</title></feed>", "not a WordPress export")]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Plain RSS</title><item><title>A</title></item></channel></rss>", "not a WordPress export")]
    public async Task A_file_that_is_not_a_whole_wordpress_export_is_refused_and_nothing_is_written(string content, string said)
    {
        var directory = Directory.CreateTempSubdirectory("bayan-import-").FullName;
        var file = Path.Combine(directory, "export.xml");
        await File.WriteAllTextAsync(file, content);
        var errors = await Captured.ErrorAsync(async () =>
        {
            Assert.Equal(1, await BayanCommandLine.RunAsync(["import", "wordpress", file, .. await TestDatabase.VerbSettingsAsync(directory)]));
        });

        Assert.Contains(said, errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("nothing was imported", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Classic_content_gets_paragraphs_and_block_content_keeps_its_own()
    {
        var unknown = new HashSet<string>();
        var classic = WordPressContent.ToHtml("One line\nand the next.\n\nA second paragraph.\n\n<h2>A heading</h2>", new Dictionary<int, string>(), unknown);
        Assert.Equal("<p>One line<br>\nand the next.</p>\n<p>A second paragraph.</p>\n<h2>A heading</h2>", classic);
        var blocks = WordPressContent.ToHtml("<!-- wp:paragraph -->\n<p>Kept\n\nas is.</p>\n<!-- /wp:paragraph -->", new Dictionary<int, string>(), unknown);
        Assert.Equal("<p>Kept\n\nas is.</p>", blocks);
        var gallery = WordPressContent.ToHtml("[gallery ids=\"6,9\"]", new Dictionary<int, string> { [6] = "https://example.org/a.jpg" }, unknown);
        Assert.Equal("<figure class=\"gallery\"><img src=\"https://example.org/a.jpg\" alt=\"\"></figure>", gallery);
        Assert.Equal("<figure class=\"gallery\"><img src=\"https://example.org/b.jpg\" alt=\"\"></figure>",
            WordPressContent.ToHtml("[gallery]", new Dictionary<int, string>(), unknown, ["https://example.org/b.jpg"]));
        Assert.Empty(unknown);

        // What WordPress does too: <pre> untouched, a list after a line of text its own block, a line break inside a tag only a space.
        Assert.Equal("<pre>line1\n\nline3</pre>", WordPressContent.ToHtml("<pre>line1\n\nline3</pre>", new Dictionary<int, string>(), unknown));
        Assert.Equal("<p>Here is a list:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
            WordPressContent.ToHtml("Here is a list:\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>", new Dictionary<int, string>(), unknown));
        Assert.Equal("<p>Before <img src=\"/a.jpg\" alt=\"a\"> after</p>", WordPressContent.ToHtml("Before <img\nsrc=\"/a.jpg\"\nalt=\"a\"> after", new Dictionary<int, string>(), unknown));
        Assert.Equal("<h2>H</h2>\n<p>line<br>\nline</p>", WordPressContent.ToHtml("<h2>H</h2>\nline\nline", new Dictionary<int, string>(), unknown));
        Assert.Equal("<figure><img src=\"/a.jpg\"><figcaption>Old style</figcaption></figure>",
            WordPressContent.ToHtml("[caption id=\"1\" caption=\"Old style\"]<img src=\"/a.jpg\">[/caption]", new Dictionary<int, string>(), unknown));
        WordPressContent.ToHtml("<!-- wp:block {\"ref\":77} /-->", new Dictionary<int, string>(), unknown);
        Assert.Equal(["block block"], unknown);
    }
}
