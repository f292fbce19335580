using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Bayan.Tests.Site;

/// <summary>Every text the code asks the localizer for has a Persian and an Arabic translation, so no screen is half in English.</summary>
public sealed partial class TranslationCoverageTests
{
    [Theory]
    [InlineData("fa")]
    [InlineData("ar")]
    public void Every_localized_text_in_the_code_is_translated(string language)
    {
        var translated = XDocument.Load(Path.Combine(RepositoryPaths.AppDirectory, "Shared", $"SharedResource.{language}.resx"))
            .Root!.Elements("data")
            .Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => (string)d.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

        var missing = KeysInCode().Where(key => !translated.Contains(key)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"Not translated into {language}:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_scan_finds_the_texts_it_should()
    {
        var keys = KeysInCode();
        Assert.Contains("Sign in", keys);
        Assert.Contains("Settings changed", keys);
        Assert.Contains("Reinstated: it is back in the listings.", keys);
    }

    /// <summary>Literal keys: T["…"] in views, text["…"] in code, audit labels, and the editor's "done" messages.</summary>
    private static HashSet<string> KeysInCode()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.AppDirectory, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            foreach (var pattern in new[] { LocalizerCall(), AuditLabel(), DoneMessage() })
            {
                foreach (Match match in pattern.Matches(source))
                {
                    keys.Add(match.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal));
                }
            }
        }

        return keys;
    }

    [GeneratedRegex(@"\b(?:T|text)\[""((?:[^""\\]|\\.)+)""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"AuditActions\.\w+ => ""([^""]+)""")]
    private static partial Regex AuditLabel();

    [GeneratedRegex(@"(?:ActAsync|SaveThenAsync)\(.*, ""([^""]+)""\);")]
    private static partial Regex DoneMessage();
}
