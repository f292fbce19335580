using System.Globalization;

namespace Bayan.Core.Languages;

/// <summary>Chooses the site language that best answers a browser's Accept-Language header (RFC 9110 §12.5.4).</summary>
public static class LanguageNegotiation
{
    public static string Choose(string? acceptLanguage, IReadOnlyList<string> siteLanguages, string fallback)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage))
        {
            return fallback;
        }

        var best = fallback;
        var bestWeight = 0.0;
        var order = 0;
        var bestOrder = int.MaxValue;
        foreach (var part in acceptLanguage.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            order++;
            var (range, weight) = ParseRange(part);
            if (weight <= 0 || range.Length == 0)
            {
                continue;
            }

            var match = Match(range, siteLanguages);
            if (match is null)
            {
                continue;
            }

            // Higher weight wins; at equal weight the one the browser listed first wins.
            if (weight > bestWeight || (weight == bestWeight && order < bestOrder))
            {
                best = match;
                bestWeight = weight;
                bestOrder = order;
            }
        }

        return best;
    }

    private static (string Range, double Weight) ParseRange(string part)
    {
        var pieces = part.Split(';', StringSplitOptions.TrimEntries);
        var weight = 1.0;
        foreach (var parameter in pieces.Skip(1))
        {
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(parameter.AsSpan(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q))
            {
                weight = Math.Clamp(q, 0, 1);
            }
        }

        return (pieces[0], weight);
    }

    private static string? Match(string range, IReadOnlyList<string> siteLanguages)
    {
        if (range == "*")
        {
            return siteLanguages.Count > 0 ? siteLanguages[0] : null;
        }

        // "fa-IR" matches "fa"; "en" matches "en-GB" only if the site has no plain "en".
        foreach (var language in siteLanguages)
        {
            if (string.Equals(language, range, StringComparison.OrdinalIgnoreCase))
            {
                return language;
            }
        }

        var primary = range.Split('-')[0];
        foreach (var language in siteLanguages)
        {
            if (string.Equals(language.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase))
            {
                return language;
            }
        }

        return null;
    }
}
