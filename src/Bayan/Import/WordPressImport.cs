using System.Diagnostics;
using Bayan.Core;
using Bayan.Core.Statements;
using Bayan.Core.Taxonomy;
using Bayan.Core.Text;
using Bayan.Data;
using Bayan.Search;
using Bayan.Shared;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Import;

/// <summary>What to import from a WXR file.</summary>
public sealed record WordPressImportOptions(string? Language, IReadOnlyList<string> Categories, bool IncludePages, string? Uploads = null, string? Mapping = null);

/// <summary>What an import did: counts, and each skipped post and warning with its reason.</summary>
public sealed class ImportReport
{
    public int Imported { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    /// <summary>Records signed and logged for what the import made public or changed (none while the site has no key).</summary>
    public int RecordsSigned { get; set; }

    public int Redirects { get; set; }

    /// <summary>Old addresses already leading to another statement (another site's post with the same /?p=ID).</summary>
    public int RedirectsTaken { get; set; }

    public List<string> Skipped { get; } = [];

    public List<string> Warnings { get; } = [];

    public TimeSpan Elapsed { get; set; }
}

/// <summary>
/// Imports a WordPress export: posts (and, if asked, pages) become statements in one language, led by the site's own
/// organization; categories and tags become topics; old permalinks and /?p=ID redirect to the new pages. All in one
/// transaction: a failure leaves the database as it was. Importing the same file again updates what changed.
/// </summary>
public sealed class WordPressImport(
    BayanDb db, ISearchIndex index, Verification.Notary notary, SiteLanguages languages, Attachments.FileStore files,
    Microsoft.Extensions.Options.IOptions<SiteOptions> siteOptions, TimeProvider time)
{
    private const int Batch = 500;

    private readonly Dictionary<string, Tag> tags = new(StringComparer.Ordinal);

    /// <summary>The addresses taken in each language, read once and kept up to date as posts come in.</summary>
    private readonly Dictionary<string, HashSet<string>> slugs = [];

    /// <summary>Numbers taken in each series, for numbers read from titles.</summary>
    private readonly HashSet<(int Series, int Number)> numbers = [];

    /// <summary>Statements read in the current batch, by id, until the batch is let go.</summary>
    private readonly Dictionary<int, Statement> loaded = [];

    /// <summary>The site's offset from UTC, as most of its posts show it.</summary>
    private TimeSpan siteOffset;

    /// <summary>The posts met in this file, by identity: a guid given twice is one post too many.</summary>
    private readonly HashSet<string> seenInFile = new(StringComparer.Ordinal);

    /// <summary>The content hash of the post being imported, for its new ImportedPost record.</summary>
    private string? pendingHash;

    /// <summary>Authors' display names by login: revisions name them as WordPress showed them.</summary>
    private IReadOnlyDictionary<string, string> authors = new Dictionary<string, string>();

    /// <summary>Polylang translation groups met in this file, and the statement each became.</summary>
    private readonly Dictionary<string, Statement> groups = new(StringComparer.Ordinal);

    public async Task<ImportReport> RunAsync(string path, WordPressImportOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var report = new ImportReport();

        // First pass: the site and its attachments' addresses (for galleries); the second imports, item by item.
        WxrSite site;
        var attachments = new Dictionary<int, WxrMedia>();
        var offsets = new Dictionary<TimeSpan, int>();
        await using (var stream = File.OpenRead(path))
        using (var reader = new WxrReader(stream))
        {
            site = reader.ReadSite();
            authors = reader.Authors;
            foreach (var item in reader.ReadItems())
            {
                if (item.LocalOffset is { } offset)
                {
                    offsets[offset] = offsets.GetValueOrDefault(offset) + 1;
                }

                if (item.Type == "attachment" && item.AttachmentUrl is { } url)
                {
                    attachments[item.PostId] = new WxrMedia(item.PostId, url, item.Meta.GetValueOrDefault("_wp_attached_file"), item.ParentId, HtmlText(item.Excerpt));
                }
            }
        }

        var language = Language(options.Language, site);
        // A post without a GMT date (WordPress leaves it empty for some) has its local date moved by the site's usual offset.
        siteOffset = offsets.Count > 0 ? offsets.MaxBy(o => o.Value).Key : TimeSpan.Zero;
        var mapping = options.Mapping is { } mappingFile ? ImportMapping.Load(mappingFile) : ImportMapping.None;
        if (options.Uploads is { } uploadsDirectory && !Directory.Exists(uploadsDirectory))
        {
            throw new WxrException($"{uploadsDirectory} does not exist: give the copy of wp-content/uploads.");
        }

        var media = new Media(attachments, attachments.Values.ToLookup(m => m.Parent),
            options.Uploads is { } uploads
                ? new WordPressMedia(uploads, Uri.TryCreate(site.BaseSiteUrl, UriKind.Absolute, out var home) ? home.Host : "", files, siteOptions.Value.MaxUploadMegabytes * 1024L * 1024L)
                : null);
        var now = time.GetUtcNow().UtcDateTime;
        var source = site.BaseBlogUrl.TrimEnd('/');
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var known = await db.ImportedPosts.Where(p => p.Source == source).ToDictionaryAsync(p => p.PostGuid, cancellationToken);
        var organization = await OwnOrganizationAsync(site, language, cancellationToken);
        // A new site (imported into before it first starts) gets the standard types first, as at start.
        await Publishing.StandardTypes.EnsureAsync(db, cancellationToken);
        var kinds = await KindsAsync(mapping, cancellationToken);
        foreach (var tag in await db.Tags.ToListAsync(cancellationToken))
        {
            tags[tag.Slug] = tag;
        }

        foreach (var taken in await db.Translations.Select(t => new { t.Language, t.Slug }).ToListAsync(cancellationToken))
        {
            SlugsIn(taken.Language).Add(taken.Slug);
        }

        numbers.UnionWith((await db.Statements.Where(s => s.SeriesNumber != null).Select(s => new { s.SeriesId, s.SeriesNumber }).ToListAsync(cancellationToken))
            .Select(s => (s.SeriesId!.Value, s.SeriesNumber!.Value)));
        var usedPaths = await db.Redirects.ToDictionaryAsync(r => r.Path, r => r.StatementId, StringComparer.Ordinal, cancellationToken);
        var touched = new List<Imported>();
        var seen = 0;
        await using (var stream = File.OpenRead(path))
        using (var reader = new WxrReader(stream))
        {
            foreach (var item in reader.ReadItems())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Skip(item, options) is { } reason)
                {
                    if (reason.Length > 0)
                    {
                        report.Skipped.Add($"{Describe(item)}: {reason}");
                    }

                    continue;
                }

                var identity = Identity(item);
                if (!seenInFile.Add(identity))
                {
                    report.Skipped.Add($"{Describe(item)}: the same guid as a post before it in the file");
                    continue;
                }

                if (ItemLanguage(item, language) is not { } itemLanguage)
                {
                    report.Skipped.Add($"{Describe(item)}: its language is not one of the site's ({string.Join(", ", languages.All.Select(l => l.Code))})");
                    continue;
                }

                var unchangedBefore = report.Unchanged;
                var group = item.Terms.FirstOrDefault(t => t.Taxonomy == "post_translations")?.Slug;
                var record = known.GetValueOrDefault(identity);
                var linked = record is null ? await TranslatedAsync(item, group, mapping, source, cancellationToken) : null;
                var statement = await ImportAsync(item, record, itemLanguage, linked, kinds, organization, media, now, report, cancellationToken);
                if (group is not null)
                {
                    groups.TryAdd(group, statement);
                }

                if (record is null)
                {
                    record = new ImportedPost { Source = source, PostGuid = identity, PostId = item.PostId, Language = itemLanguage, TranslationGroup = group, ContentHash = pendingHash };
                    known[identity] = record;
                }

                touched.Add(new Imported(item, statement, record, Changed: report.Unchanged == unchangedBefore));
                progress?.Report(++seen);
                if (touched.Count >= Batch)
                {
                    await FlushAsync(touched, usedPaths, report, cancellationToken);
                }
            }
        }

        await FlushAsync(touched, usedPaths, report, cancellationToken);
        // A site running meanwhile sees the new statements within a minute (its catalog and search facts are read again).
        await transaction.CommitAsync(cancellationToken);
        report.Elapsed = watch.Elapsed;
        return report;
    }

    /// <summary>Why an item is not imported ("" for items that are not content at all), or null to import it.</summary>
    private static string? Skip(WxrItem item, WordPressImportOptions options)
    {
        if (item.Type is not ("post" or "page"))
        {
            return "";
        }

        if (item.Type == "page" && !options.IncludePages)
        {
            return "a page (add --pages to import pages)";
        }

        if (item.Content.Length > Publishing.StatementWriter.MaxBodyLength)
        {
            return $"its text is {item.Content.Length:N0} characters long, more than the {Publishing.StatementWriter.MaxBodyLength:N0} a statement can hold";
        }

        if (item.Status is "trash" or "auto-draft" or "inherit")
        {
            return item.Status == "trash" ? "in the trash" : "";
        }

        if (options.Categories.Count > 0 && !item.Terms.Any(t => t.Taxonomy == "category" && options.Categories.Contains(Uri.UnescapeDataString(t.Slug))))
        {
            return "not in the categories asked for";
        }

        return null;
    }

    private async Task<Statement> ImportAsync(
        WxrItem item, ImportedPost? known, string language, Statement? translates, Kinds kinds, Organization organization,
        Media media, DateTime now, ImportReport report, CancellationToken cancellationToken)
    {
        var unknownShortcodes = new SortedSet<string>(StringComparer.Ordinal);
        var html = WordPressContent.ToHtml(item.Content, media.Addresses, unknownShortcodes, [.. media.Children[item.PostId].Select(m => m.Url)]);
        var blocks = unknownShortcodes.Where(n => n.StartsWith("block ", StringComparison.Ordinal)).Select(n => n[6..]).ToList();
        if (unknownShortcodes.Count > blocks.Count)
        {
            report.Warnings.Add($"{Describe(item)}: shortcodes kept as text: {string.Join(", ", unknownShortcodes.Except(blocks.Select(b => "block " + b)).Select(s => $"[{s}]"))}");
        }

        if (blocks.Count > 0)
        {
            report.Warnings.Add($"{Describe(item)}: blocks WordPress builds when it shows the page have no text in the export and were left out: {string.Join(", ", blocks)}");
        }

        if (WordPressContent.HasUnsafeHtml(item.Content))
        {
            report.Warnings.Add($"{Describe(item)}: scripts or event handlers removed from its HTML");
        }

        var isNew = known is null;
        Statement statement;
        if (known is not null || translates is { Id: > 0 })
        {
            var id = known?.StatementId ?? translates!.Id;
            // (Not DbSet.Local: reading it detects changes in everything tracked, for every post.)
            if (!loaded.TryGetValue(id, out statement!))
            {
                statement = await db.Statements.Include(s => s.Translations).ThenInclude(t => t.Revisions).Include(s => s.Tags).Include(s => s.Attachments).AsSplitQuery()
                    .FirstAsync(s => s.Id == id, cancellationToken);
                loaded[id] = statement;
            }
        }
        else if (translates is not null)
        {
            // A translation of a post met earlier in this batch, not yet saved.
            statement = translates;
        }
        else
        {
            var (typeId, seriesId, number) = Classify(item, kinds, report);
            statement = new Statement
            {
                TypeId = typeId,
                SeriesId = seriesId,
                SeriesNumber = number,
                CreatedAt = now,
                Signatories = [new Signatory { OrganizationId = organization.Id, Position = 0 }],
            };
            db.Statements.Add(statement);
        }

        var translation = statement.Translations.FirstOrDefault(t => t.Language == language) ?? NewTranslation(statement, language);
        // The post that made the statement decides its state, dates, type and topics; a translation only its own text.
        var owns = translation.IsOriginal;

        var title = item.Title.Trim();
        translation.Slug = FreeSlug(translation, language, item, title.Length > 0 ? title : $"{item.PostId}");
        if (media.Files is { } files)
        {
            html = await AttachAsync(item, statement, html, files, media, language, report, cancellationToken);
        }

        if (WordPressMedia.ExternalImages(html) is > 0 and var external)
        {
            report.Warnings.Add($"{Describe(item)}: {external} image(s) on another host will not show (the site loads nothing from other hosts)"
                + (media.Files is null ? "; give --uploads DIR" : ""));
        }

        var body = RenderedBody.From(html, BodyFormat.Html);
        if (title.Length == 0)
        {
            title = body.Excerpt.Length > 0 ? string.Concat(body.Excerpt.Take(80)).Trim() + "…" : $"#{item.PostId}";
            report.Warnings.Add($"post {item.PostId} has no title: titled \"{title}\" from its text");
        }

        if (title.Length > Publishing.StatementWriter.MaxTitleLength)
        {
            title = title[..Publishing.StatementWriter.MaxTitleLength];
            report.Warnings.Add($"{Describe(item)}: its title was cut to {Publishing.StatementWriter.MaxTitleLength} characters");
        }

        var summary = string.IsNullOrWhiteSpace(item.Excerpt) ? null : HtmlText(item.Excerpt);
        if (summary?.Length > Publishing.StatementWriter.MaxSummaryLength)
        {
            summary = summary[..(Publishing.StatementWriter.MaxSummaryLength - 1)].TrimEnd() + "…";
            report.Warnings.Add($"{Describe(item)}: its excerpt was cut to {Publishing.StatementWriter.MaxSummaryLength:N0} characters for the summary");
        }
        var published = item.Status == "publish" && !item.HasPassword;
        if (item.HasPassword && item.Status == "publish")
        {
            report.Warnings.Add($"{Describe(item)}: protected by a password in WordPress, so it comes in as a draft");
        }
        var publishedAt = item.PublishedAtUtc is { } at ? (item.LocalOffset is null ? at - siteOffset : at) : now;
        var status = published ? StatementStatus.Published : StatementStatus.Draft;
        var savedAt = item.ModifiedAtUtc ?? publishedAt;
        // What WordPress said (and how the mapping reads it), not what it became here: a run without --uploads, whose
        // images stay on the old host, is not a change.
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f',
            item.Title, item.Excerpt, item.Content, item.Status, item.HasPassword, item.PublishedAtUtc?.Ticks ?? 0, language,
            string.Join(',', item.Terms.Select(t => $"{t.Taxonomy}:{t.Slug}")), kinds.MappingHash)))).ToLowerInvariant();
        var previousHash = known?.ContentHash;
        if (known is not null && previousHash != hash)
        {
            // Known records are let go with each batch: attach it again to save its new hash.
            if (db.Entry(known).State == EntityState.Detached)
            {
                db.ImportedPosts.Attach(known);
            }

            known.ContentHash = hash;
            db.Entry(known).Property(p => p.ContentHash).IsModified = true;
        }
        else
        {
            pendingHash = hash;
        }

        if (!isNew)
        {
            if (previousHash == hash)
            {
                report.Unchanged++;
                return statement;
            }

            report.Updated++;
        }
        else
        {
            report.Imported++;
        }

        // A statement withdrawn or put in the trash here keeps that state; its text still follows WordPress.
        if (owns && statement.Status != StatementStatus.Withdrawn && statement.DeletedAt is null)
        {
            statement.Status = status;
            statement.PublishedAt = published ? publishedAt : null;
            statement.UpdatedAt = published && item.ModifiedAtUtc > publishedAt.AddMinutes(1) ? item.ModifiedAtUtc : null;
        }

        if (owns)
        {
            if (!isNew)
            {
                // The post, or the mapping, changed: its type, series and topics are read again, as for a new one.
                var (typeId, seriesId, number) = Classify(item, kinds, report, statement);
                statement.TypeId = typeId;
                statement.SeriesId = seriesId;
                statement.SeriesNumber = number ?? (statement.SeriesId == seriesId ? statement.SeriesNumber : null);
                statement.Tags.Clear();
            }

            ApplyTags(statement, item, language, kinds.Mapping);
        }

        else if (published && statement.Status == StatementStatus.Draft && statement.DeletedAt is null)
        {
            // A translation published in WordPress while the original was not: readers had it, so the statement is public.
            statement.Status = StatementStatus.Published;
            statement.PublishedAt = publishedAt;
        }

        statement.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        translation.SetText(title, summary, new RenderedBody(html, BodyFormat.Html, body.Html, body.Excerpt));
        translation.IsPublished = published;
        var version = (translation.Revisions.MaxBy(r => r.Version)?.Version ?? 0) + 1;
        translation.Revisions.Add(Revision.Of(translation, version, savedAt, authors.GetValueOrDefault(item.Creator) ?? (item.Creator.Length > 0 ? item.Creator : "WordPress"), null, published));
        return statement;
    }

    /// <summary>
    /// Attaches the post's media found under --uploads (saving, so each new attachment has the id its address needs) and
    /// returns the text with its links pointed at them; files not found are reported.
    /// </summary>
    private async Task<string> AttachAsync(
        WxrItem item, Statement statement, string html, WordPressMedia files, Media media, string language, ImportReport report, CancellationToken cancellationToken)
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        var added = new List<(string File, Core.Attachments.Attachment Attachment)>();
        foreach (var (file, caption) in files.For(item, media.ById, media.Children[item.PostId]))
        {
            var (attachment, problem) = await files.BringAsync(file, caption, language, cancellationToken);
            if (attachment is null)
            {
                report.Warnings.Add($"{Describe(item)}: {problem}");
                continue;
            }

            var existing = statement.Attachments.FirstOrDefault(a => a.Sha256 == attachment.Sha256);
            if (existing is null)
            {
                attachment.Position = statement.Attachments.Count;
                statement.Attachments.Add(attachment);
                existing = attachment;
            }

            added.Add((file, existing));
        }

        if (added.Any(a => a.Attachment.Id == 0))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var (file, attachment) in added)
        {
            addresses[file] = Paths.Attachment(attachment.Id, attachment.FileName);
        }

        return files.Relink(html, addresses);
    }

    /// <summary>The export's attachments, and — with --uploads — where their files are.</summary>
    private sealed record Media(IReadOnlyDictionary<int, WxrMedia> ById, ILookup<int, WxrMedia> Children, WordPressMedia? Files)
    {
        public IReadOnlyDictionary<int, string> Addresses { get; } = ById.ToDictionary(m => m.Key, m => m.Value.Url);
    }

    private static StatementTranslation NewTranslation(Statement statement, string language)
    {
        var translation = new StatementTranslation { Language = language, IsOriginal = statement.Translations.Count == 0 };
        statement.Translations.Add(translation);
        return translation;
    }

    /// <summary>
    /// Categories (but "Uncategorized") and tags become topics, named in the file's language, unless the mapping makes
    /// them a type or series, another topic, or nothing.
    /// </summary>
    private void ApplyTags(Statement statement, WxrItem item, string language, ImportMapping mapping)
    {
        foreach (var term in item.Terms.Where(t => t.Taxonomy is "category" or "post_tag" && t.Slug != "uncategorized"))
        {
            var mapped = Mapped(term, mapping);
            if (mapped is { Skip: true } || (mapped is { Tag: null } && (mapped.Type is not null || mapped.Series is not null)))
            {
                continue;
            }

            var slug = Slug.From(mapped?.Tag ?? Uri.UnescapeDataString(term.Slug));
            if (slug.Length == 0)
            {
                continue;
            }

            if (!tags.TryGetValue(slug, out var tag))
            {
                tag = new Tag { Slug = slug, Names = LocalizedText.Of(language, term.Name.Trim()) };
                db.Tags.Add(tag);
                tags[slug] = tag;
            }
            else if (!tag.Names.ContainsKey(language))
            {
                tag.Names = new LocalizedText(new Dictionary<string, string>(tag.Names) { [language] = term.Name.Trim() });
            }

            if (!statement.Tags.Contains(tag))
            {
                statement.Tags.Add(tag);
            }
        }
    }

    /// <summary>The post's own slug (percent-decoded), else one from its title, made unique in its language.</summary>
    private string FreeSlug(StatementTranslation translation, string language, WxrItem item, string title)
    {
        var wanted = Slug.From(item.Slug.Length > 0 ? item.Slug : title);
        if (wanted.Length == 0)
        {
            wanted = "statement";
        }

        // A statement imported before keeps its address if the post's slug still leads to it.
        if (translation.Slug.Length > 0 && (translation.Slug == wanted
            || (translation.Slug.StartsWith(wanted + "-", StringComparison.Ordinal) && translation.Slug[(wanted.Length + 1)..].All(char.IsAsciiDigit))))
        {
            return translation.Slug;
        }

        var taken = SlugsIn(language);
        var candidate = wanted;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{wanted}-{n}";
        }

        taken.Add(candidate);
        return candidate;
    }

    private HashSet<string> SlugsIn(string language)
    {
        if (!slugs.TryGetValue(language, out var taken))
        {
            taken = new HashSet<string>(StringComparer.Ordinal);
            slugs[language] = taken;
        }

        return taken;
    }

    /// <summary>The post's old permalink and its /?p=ID answer 301 with the new address.</summary>
    private void AddRedirects(WxrItem item, int statementId, string language, Dictionary<string, int> used, ImportReport report)
    {
        // The addresses WordPress answers for a post whatever its permalinks: /?p=ID (/?page_id=ID for a page), also behind /index.php.
        var query = item.Type == "page" ? $"?page_id={item.PostId}" : $"?p={item.PostId}";
        var paths = new List<string> { "/" + query, "/index.php" + query };
        if (Uri.TryCreate(item.Link, UriKind.Absolute, out var link) && link.AbsolutePath.Length > 1)
        {
            paths.Add(Uri.UnescapeDataString(link.AbsolutePath) + link.Query);
        }

        foreach (var path in paths.Where(p => p.Length <= 2000))
        {
            if (used.TryGetValue(path, out var owner))
            {
                // Already redirecting: this post's own from an earlier import, or another site's post (the same /?p=ID).
                if (owner != statementId)
                {
                    report.RedirectsTaken++;
                }

                continue;
            }

            used[path] = statementId;

            db.Redirects.Add(new Redirect { Path = path, StatementId = statementId, Language = language });
            report.Redirects++;
        }
    }

    /// <summary>
    /// Saves a batch; then, its statements having ids, records which post each came from and its old addresses, indexes
    /// it for search (all in the import's transaction), and lets the batch go.
    /// </summary>
    private async Task FlushAsync(List<Imported> batch, Dictionary<string, int> usedPaths, ImportReport report, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (item, statement, record, _) in batch)
        {
            if (record.Id == 0 && record.StatementId == 0)
            {
                record.StatementId = statement.Id;
                db.ImportedPosts.Add(record);
            }

            AddRedirects(item, statement.Id, record.Language, usedPaths, report);
        }

        await db.SaveChangesAsync(cancellationToken);
        var changed = batch.Where(b => b.Changed).Select(b => b.Statement.Id).Distinct().ToList();
        foreach (var id in changed)
        {
            await index.UpdateAsync(id, cancellationToken);
        }

        // Signed in the import's transaction, as an editor's change is: what became public, or changed, has its record.
        report.RecordsSigned += await notary.RecordAsync(changed, cancellationToken);

        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Statement or StatementTranslation or Revision or Signatory or Redirect or ImportedPost or Core.Attachments.Attachment).ToList())
        {
            entry.State = EntityState.Detached;
        }

        batch.Clear();
        loaded.Clear();
    }

    private sealed record Imported(WxrItem Item, Statement Statement, ImportedPost Record, bool Changed);

    /// <summary>The site's own organization; on a new site, one named after the WordPress site.</summary>
    private async Task<Organization> OwnOrganizationAsync(WxrSite site, string language, CancellationToken cancellationToken)
    {
        if (await db.Organizations.FirstOrDefaultAsync(o => o.IsOwn, cancellationToken) is { } own)
        {
            return own;
        }

        var name = string.IsNullOrWhiteSpace(site.Title) ? "Our organization" : site.Title.Trim();
        var slug = Slug.From(name) is { Length: > 0 } s ? s : "organization";
        var organization = new Organization { Slug = slug, Names = LocalizedText.Of(language, name), IsOwn = true, Website = site.Link };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }

    /// <summary>The language asked for, else the export's (fa-IR → fa), else the site's default; always one of the site's languages.</summary>
    private string Language(string? asked, WxrSite site)
    {
        var code = asked ?? site.Language?.Split('-', '_')[0];
        if (code is null)
        {
            return languages.Default.Code;
        }

        return languages.Find(code)?.Code
            ?? throw new WxrException($"\"{code}\" is not one of the site's languages ({string.Join(", ", languages.All.Select(l => l.Code))}); give --language.");
    }

    private static string HtmlText(string html) => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")).Trim();

    /// <summary>A post's language: Polylang's term for it when the export has one, else the file's; null when the site has not that language.</summary>
    private string? ItemLanguage(WxrItem item, string language) =>
        item.Terms.FirstOrDefault(t => t.Taxonomy == "language") is { } term ? languages.Find(term.Slug)?.Code : language;

    /// <summary>What a post is known by: its guid, which WordPress never changes; its id when an export left the guid empty.</summary>
    private static string Identity(WxrItem item) => item.Identity.Trim().Length > 0 ? item.Identity.Trim() : $"post:{item.PostId}";

    /// <summary>
    /// The statement a new post translates: the one made from its Polylang translation group, or — by the mapping
    /// file — the one imported from the post it names on another site.
    /// </summary>
    private async Task<Statement?> TranslatedAsync(WxrItem item, string? group, ImportMapping mapping, string source, CancellationToken cancellationToken)
    {
        if (group is not null)
        {
            if (groups.TryGetValue(group, out var met))
            {
                return met;
            }

            var earlier = await db.ImportedPosts.Where(p => p.Source == source && p.TranslationGroup == group).Select(p => (int?)p.StatementId).FirstOrDefaultAsync(cancellationToken);
            if (earlier is { } id)
            {
                return new Statement { Id = id };
            }
        }

        if (mapping.Translations is { } translations && translations.Posts.TryGetValue(item.PostId, out var original))
        {
            var other = translations.Source.TrimEnd('/');
            var id = await db.ImportedPosts.Where(p => p.Source == other && p.PostId == original).Select(p => (int?)p.StatementId).FirstOrDefaultAsync(cancellationToken);
            return id is { } found ? new Statement { Id = found } : null;
        }

        return null;
    }

    /// <summary>The statement types and series by slug, and the mapping; a mapping naming one that does not exist is refused here.</summary>
    private async Task<Kinds> KindsAsync(ImportMapping mapping, CancellationToken cancellationToken)
    {
        var types = await db.StatementTypes.ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        var series = await db.Series.ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        var terms = mapping.Categories.Values.Concat(mapping.Tags.Values).ToList();
        var unknownTypes = terms.Select(t => t.Type).Append(mapping.DefaultType).OfType<string>().Where(t => !types.ContainsKey(t)).Distinct().ToList();
        var unknownSeries = terms.Select(t => t.Series).Concat(mapping.SeriesPatterns.Select(p => p.Series)).OfType<string>().Where(s => !series.ContainsKey(s)).Distinct().ToList();
        if (unknownTypes.Count > 0 || unknownSeries.Count > 0)
        {
            throw new WxrException(
                (unknownTypes.Count > 0 ? $"The mapping names types that do not exist: {string.Join(", ", unknownTypes)} (there are: {string.Join(", ", types.Keys)}). " : "")
                + (unknownSeries.Count > 0 ? $"The mapping names series that do not exist: {string.Join(", ", unknownSeries)} ({(series.Count == 0 ? "there are none yet" : "there are: " + string.Join(", ", series.Keys))}); add them under Lists in the back office first." : ""));
        }

        var defaultType = mapping.DefaultType ?? (types.ContainsKey("statement") ? "statement" : types.Keys.First());
        return new Kinds(types, series, types[defaultType], mapping);
    }

    /// <summary>A new statement's type, series and number: from its categories and tags, then from its title.</summary>
    private (int Type, int? Series, int? Number) Classify(WxrItem item, Kinds kinds, ImportReport report, Statement? statement = null)
    {
        var mapped = item.Terms.Select(t => Mapped(t, kinds.Mapping)).OfType<TermMapping>().ToList();
        var type = mapped.Select(m => m.Type).OfType<string>().FirstOrDefault() is { } typeSlug ? kinds.Types[typeSlug] : kinds.DefaultType;
        int? series = mapped.Select(m => m.Series).OfType<string>().FirstOrDefault() is { } seriesSlug ? kinds.Series[seriesSlug] : null;
        int? number = null;
        if (kinds.Mapping.SeriesIn(item.Title) is { } found && (series is null || series == kinds.Series[found.Series]))
        {
            series = kinds.Series[found.Series];
            if (statement?.SeriesId == series && statement.SeriesNumber == found.Number)
            {
                number = found.Number;
            }
            else if (numbers.Add((series.Value, found.Number)))
            {
                number = found.Number;
            }
            else
            {
                report.Warnings.Add($"{Describe(item)}: number {found.Number} is already used in its series; it comes in without a number");
            }
        }

        return (type, series, number);
    }

    private static TermMapping? Mapped(WxrTerm term, ImportMapping mapping)
    {
        var slug = Uri.UnescapeDataString(term.Slug);
        return term.Taxonomy switch
        {
            "category" => mapping.Categories.GetValueOrDefault(slug),
            "post_tag" => mapping.Tags.GetValueOrDefault(slug),
            _ => null,
        };
    }

    private sealed record Kinds(IReadOnlyDictionary<string, int> Types, IReadOnlyDictionary<string, int> Series, int DefaultType, ImportMapping Mapping)
    {
        /// <summary>Part of every post's content hash: a new mapping reads every post again.</summary>
        public string MappingHash { get; } = Mapping.Hash;
    }

    private static string Describe(WxrItem item) => $"{item.Type} {item.PostId} \"{(item.Title.Length > 60 ? item.Title[..60] + "…" : item.Title)}\"";
}
