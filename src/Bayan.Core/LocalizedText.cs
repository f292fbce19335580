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

    /// <summary>
    /// The language <see cref="Get"/> falls back to when it has no text in <paramref name="language"/>, or null when it has
    /// one: pages mark such text with its own language so it is read (and laid out) as what it is.
    /// </summary>
    public string? FallbackLanguage(string language)
    {
        if (Has(language))
        {
            return null;
        }

        if (Has("en"))
        {
            return "en";
        }

        return this.FirstOrDefault(pair => pair.Value.Length > 0).Key;
    }

    public bool Has(string language) => TryGetValue(language, out var text) && text.Length > 0;
}
