using System.Collections.ObjectModel;

namespace Bayan.Core;

/// <summary>A short text (a name, a label, a caption) held in several languages.</summary>
public sealed class LocalizedText : ReadOnlyDictionary<string, string>
{
    public LocalizedText(IDictionary<string, string> values)
        : base(new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase))
    {
    }

    public static LocalizedText None { get; } = new(new Dictionary<string, string>());

    public static LocalizedText Of(string language, string value) => new(new Dictionary<string, string> { [language] = value });

    /// <summary>The text in <paramref name="language"/>, else in English, else in whichever language it has.</summary>
    public string Get(string language)
    {
        if (TryGetValue(language, out var text) && text.Length > 0)
        {
            return text;
        }

        if (TryGetValue("en", out text) && text.Length > 0)
        {
            return text;
        }

        return Values.FirstOrDefault(v => v.Length > 0) ?? "";
    }

    public bool Has(string language) => TryGetValue(language, out var text) && text.Length > 0;
}
