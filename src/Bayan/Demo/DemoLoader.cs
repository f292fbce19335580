using Bayan.Attachments;
using Bayan.Core;
using Bayan.Core.Attachments;
using Bayan.Core.Statements;
using Bayan.Core.Taxonomy;
using Bayan.Core.Text;
using Bayan.Data;
using Microsoft.EntityFrameworkCore;

namespace Bayan.Demo;

/// <summary>Loads the sample site: a fictional humanitarian network's statements in English, Persian and Arabic.</summary>
public sealed class DemoLoader(BayanDb db, FileStore files, Search.ISearchIndex index)
{
    public const string Author = "Bayan sample content";

    public static async Task<bool> HasContentAsync(BayanDb db, CancellationToken cancellationToken) =>
        await db.Statements.AnyAsync(cancellationToken) || await db.Organizations.AnyAsync(cancellationToken);

    /// <summary>Loads everything in one transaction and returns how many statements were added.</summary>
    public async Task<int> LoadAsync(Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var world = DemoWorld.Read();
        var statements = DemoResources.Statements().OrderBy(s => s.Published).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        await LoadWorldAsync(world, cancellationToken);
        var types = await db.StatementTypes.ToDictionaryAsync(t => t.Slug, cancellationToken);
        var series = await db.Series.ToDictionaryAsync(s => s.Slug, cancellationToken);
        var organizations = await db.Organizations.ToDictionaryAsync(o => o.Slug, cancellationToken);
        var tags = await db.Tags.ToDictionaryAsync(t => t.Slug, cancellationToken);
        var ownName = world.Organizations.First(o => o.Own).Names["en"];
        var numbers = new Dictionary<string, int>();

        foreach (var (source, index) in statements.Select((s, i) => (s, i)))
        {
            progress?.Invoke(source.Key);
            var statement = new Statement
            {
                Type = types[source.Type],
                Series = source.Series is null ? null : series[source.Series],
                SeriesNumber = source.Series is null ? null : numbers[source.Series] = numbers.GetValueOrDefault(source.Series) + 1,
                Status = source.Status == "withdrawn" ? StatementStatus.Withdrawn : StatementStatus.Published,
                PublishedAt = source.Published,
                UpdatedAt = source.Updated,
                CreatedAt = source.Published.AddHours(-3),
                Signatories = source.Signatories.Select((slug, position) => new Signatory { Organization = organizations[slug], Position = position }).ToList(),
                Tags = source.Tags.Select(slug => tags[slug]).ToList(),
            };
            if (statement.Status == StatementStatus.Withdrawn)
            {
                statement.WithdrawnAt = source.Withdrawn ?? (source.Updated ?? source.Published).AddDays(2);
                statement.WithdrawalNote = new LocalizedText(source.WithdrawnNote ?? []);
            }

            foreach (var (language, text) in source.Translations)
            {
                var translation = new StatementTranslation { Language = language, IsOriginal = text.Original, IsPublished = true };
                translation.SetText(text.Title, text.Summary, RenderedBody.From(text.Body, BodyFormat.Markdown));
                translation.Revisions.Add(Revision.Of(translation, 1, source.Published, Author, null, published: true));
                if (source.Updated is { } updated)
                {
                    var note = source.ChangeNote?.GetValueOrDefault(language);
                    translation.Revisions.Add(Revision.Of(translation, 2, updated, Author, note, published: true));
                }

                statement.Translations.Add(translation);
            }

            foreach (var (attachment, position) in (source.Attachments ?? []).Select((a, i) => (a, i)))
            {
                statement.Attachments.Add(await AttachmentFor(attachment, position, ownName, source.Published, seed: (index * 31) + position, cancellationToken));
            }

            db.Statements.Add(statement);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await index.RebuildAsync(cancellationToken);
        return statements.Count;
    }

    /// <summary>The organizations, types, series, tags and identity of the sample site, without its statements.</summary>
    public async Task LoadWorldOnlyAsync(CancellationToken cancellationToken) => await LoadWorldAsync(DemoWorld.Read(), cancellationToken);

    private async Task LoadWorldAsync(DemoWorld world, CancellationToken cancellationToken)
    {
        db.SiteIdentity.RemoveRange(db.SiteIdentity);
        db.SiteIdentity.Add(new SiteIdentity
        {
            Names = new LocalizedText(world.Site.Names),
            Taglines = new LocalizedText(world.Site.Taglines),
            About = new LocalizedText(world.Site.About),
            FooterLinks = world.Site.FooterLinks.Select(l => new FooterLink(l.Href, l.Labels)).ToList(),
        });
        await EnsureTypesAsync(db, world, cancellationToken);
        foreach (var series in world.Series)
        {
            db.Series.Add(new Series { Slug = series.Slug, Names = new LocalizedText(series.Names), LabelPatterns = new LocalizedText(series.Labels) });
        }

        foreach (var organization in world.Organizations)
        {
            var logo = DemoFiles.Logo(organization.Names["en"], organization.Color, organization.Own);
            db.Organizations.Add(new Organization
            {
                Slug = organization.Slug,
                Names = new LocalizedText(organization.Names),
                Website = organization.Website,
                IsOwn = organization.Own,
                LogoSha256 = await files.SaveAsync(logo, cancellationToken),
                LogoContentType = "image/svg+xml",
            });
        }

        foreach (var tag in world.Tags)
        {
            db.Tags.Add(new Tag { Slug = tag.Slug, Names = new LocalizedText(tag.Names) });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds the statement types a site starts with, unless they exist.</summary>
    internal static async Task EnsureTypesAsync(BayanDb db, DemoWorld world, CancellationToken cancellationToken)
    {
        var existing = await db.StatementTypes.Select(t => t.Slug).ToListAsync(cancellationToken);
        foreach (var type in world.Types.Where(t => !existing.Contains(t.Slug)))
        {
            db.StatementTypes.Add(new StatementType { Slug = type.Slug, Names = new LocalizedText(type.Names) });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Attachment> AttachmentFor(DemoAttachment source, int position, string organization, DateTime date, int seed, CancellationToken cancellationToken)
    {
        var isPdf = source.Kind == "pdf";
        var content = isPdf
            ? DemoFiles.Document(organization, source.Title ?? source.FileName, source.Paragraphs ?? [], date)
            : DemoFiles.Illustration(source.Scene ?? "field", seed);
        var thumbnail = isPdf ? null : Thumbnails.FromImage(content);
        var size = isPdf ? null : Thumbnails.SizeOf(content);
        return new Attachment
        {
            FileName = source.FileName,
            ContentType = isPdf ? "application/pdf" : "image/png",
            Size = content.Length,
            Sha256 = await files.SaveAsync(content, cancellationToken),
            Captions = new LocalizedText(source.Captions),
            ExtractedText = isPdf ? UploadCheck.Inspect(content, out _)?.Text : null,
            PageCount = isPdf ? UploadCheck.Inspect(content, out _)?.PageCount : null,
            ThumbnailSha256 = thumbnail is null ? null : await files.SaveAsync(thumbnail, cancellationToken),
            Position = position,
            Width = size?.Width,
            Height = size?.Height,
        };
    }

    /// <summary>Removes every statement and everything the sample content adds, for `demo --force`.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await db.Revisions.ExecuteDeleteAsync(cancellationToken);
        await db.Attachments.ExecuteDeleteAsync(cancellationToken);
        await db.Signatories.ExecuteDeleteAsync(cancellationToken);
        await db.Translations.ExecuteDeleteAsync(cancellationToken);
        await db.Statements.ExecuteDeleteAsync(cancellationToken);
        await db.Redirects.ExecuteDeleteAsync(cancellationToken);
        await db.Organizations.ExecuteDeleteAsync(cancellationToken);
        await db.Series.ExecuteDeleteAsync(cancellationToken);
        await db.Tags.ExecuteDeleteAsync(cancellationToken);
        await db.StatementTypes.ExecuteDeleteAsync(cancellationToken);
        await db.SiteIdentity.ExecuteDeleteAsync(cancellationToken);
        // The sample site starts its log again too; its key stays.
        await db.LogEntries.ExecuteDeleteAsync(cancellationToken);
        await db.LogNodes.ExecuteDeleteAsync(cancellationToken);
        await db.TreeHeads.ExecuteDeleteAsync(cancellationToken);
        await db.UnsignedStatements.ExecuteDeleteAsync(cancellationToken);
    }
}
