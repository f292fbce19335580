using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bayan.Demo;

/// <summary>The shape of the sample content files in Demo/content (embedded in the app).</summary>
internal sealed record DemoWorld(
    DemoSite Site,
    List<DemoNamed> Types,
    List<DemoSeries> Series,
    List<DemoOrganization> Organizations,
    List<DemoNamed> Tags)
{
    public static DemoWorld Read() => DemoResources.Read<DemoWorld>("world.json");
}

internal sealed record DemoSite(
    Dictionary<string, string> Names,
    Dictionary<string, string> Taglines,
    Dictionary<string, string> About,
    List<DemoLink> FooterLinks);

internal sealed record DemoLink(string Href, Dictionary<string, string> Labels);

internal sealed record DemoNamed(string Slug, Dictionary<string, string> Names);

internal sealed record DemoSeries(string Slug, Dictionary<string, string> Names, Dictionary<string, string> Labels);

internal sealed record DemoOrganization(string Slug, Dictionary<string, string> Names, string? Website, string Color, bool Own = false);

internal sealed record DemoStatementFile(List<DemoStatement> Statements);

internal sealed record DemoStatement(
    string Key,
    string Type,
    string? Series,
    DateTime Published,
    DateTime? Updated,
    Dictionary<string, string>? ChangeNote,
    string? Status,
    DateTime? Withdrawn,
    Dictionary<string, string>? WithdrawnNote,
    List<string> Signatories,
    List<string> Tags,
    List<DemoAttachment>? Attachments,
    Dictionary<string, DemoTranslation> Translations);

internal sealed record DemoAttachment(
    string Kind,
    string FileName,
    string? Title,
    List<string>? Paragraphs,
    string? Scene,
    Dictionary<string, string> Captions);

internal sealed record DemoTranslation(bool Original, string Title, string? Summary, string Body);

internal static class DemoResources
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static T Read<T>(string name)
    {
        using var stream = typeof(DemoResources).Assembly.GetManifestResourceStream($"Bayan.Demo.content.{name}")
            ?? throw new InvalidOperationException($"Sample content file {name} is missing from the build.");
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidOperationException($"Sample content file {name} is empty.");
    }

    public static IEnumerable<DemoStatement> Statements() =>
        typeof(DemoResources).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Bayan.Demo.content.statements-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(n => Read<DemoStatementFile>(n["Bayan.Demo.content.".Length..]).Statements);
}
