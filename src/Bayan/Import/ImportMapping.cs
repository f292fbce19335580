using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bayan.Import;

/// <summary>
/// The mapping file of `import wordpress --mapping FILE.json` (documented in the README): what categories and tags
/// become (a statement type, a series, another topic, or nothing), patterns that find a series and number in titles
/// ("Announcement No. 3"), and — for a second site in another language — which of its posts translate which posts
/// of a site imported before.
/// </summary>
public sealed class ImportMapping
{
    /// <summary>By category slug (as WordPress shows it, decoded).</summary>
    public Dictionary<string, TermMapping> Categories { get; init; } = [];

    /// <summary>By tag slug.</summary>
    public Dictionary<string, TermMapping> Tags { get; init; } = [];

    public List<SeriesPattern> SeriesPatterns { get; init; } = [];

    /// <summary>The type of posts no category maps (default: "statement").</summary>
    public string? DefaultType { get; init; }

    public TranslationMapping? Translations { get; init; }

    public static ImportMapping None { get; } = new();

    /// <summary>The mapping file's SHA-256 ("" for none): a changed mapping makes every post read again.</summary>
    public string Hash { get; private set; } = "";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ImportMapping Load(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var mapping = JsonSerializer.Deserialize<ImportMapping>(text, Json) ?? new ImportMapping();
            mapping.Hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
            foreach (var pattern in mapping.SeriesPatterns)
            {
                if (!pattern.Regex.GetGroupNames().Contains("number"))
                {
                    throw new WxrException($"The mapping's pattern \"{pattern.Pattern}\" needs a group named number, such as (?<number>\\d+).");
                }
            }

            return mapping;
        }
        catch (JsonException e)
        {
            throw new WxrException($"The mapping file is not what it should be at {e.Path}: {e.Message.Split(" Path:")[0]} See the README's mapping file example.");
        }
        catch (RegexParseException e)
        {
            throw new WxrException($"A pattern in the mapping file is not a valid regular expression: {e.Message}");
        }
    }

    /// <summary>The series and number a title names, by the first pattern that matches it.</summary>
    public (string Series, int Number)? SeriesIn(string title)
    {
        foreach (var pattern in SeriesPatterns)
        {
            if (pattern.Regex.Match(title) is { Success: true } match
                && int.TryParse(Core.Text.Digits.ToAscii(match.Groups["number"].Value), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return (pattern.Series, number);
            }
        }

        return null;
    }
}

/// <summary>What one category or tag becomes: a type, a series, another topic (tag), or nothing (skip).</summary>
public sealed record TermMapping(string? Type = null, string? Series = null, string? Tag = null, bool Skip = false);

public sealed record SeriesPattern(string Pattern, string Series)
{
    public Regex Regex { get; } = new(Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}

/// <summary>This file's posts that translate posts of <see cref="Source"/> (its address, as its export names it), by post id.</summary>
public sealed record TranslationMapping(string Source, Dictionary<int, int> Posts);
