using System.Globalization;
using System.Text;
using Bayan.Core.Text;

namespace Bayan.Core.Search;

/// <summary>
/// What a reader typed in the search box, understood: words that must all match (best first), "exact phrases",
/// -excluded words, and OR between alternatives; the last word also matches as a prefix while the reader is typing.
/// Every word is normalized (<see cref="SearchText"/>) and reduced to letters and digits, so whatever was typed — stray
/// quotes, a lone operator, another engine's syntax, control characters — reads as plain words and never as syntax.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Queries are cut to this many characters; nobody remembers more of a statement than that.</summary>
    public const int MaxLength = 200;

    /// <summary>At most this many terms count; the rest of a pasted paragraph is ignored.</summary>
    public const int MaxTerms = 12;

    /// <summary>A word (or phrase) must be at least this long to match as a prefix too.</summary>
    private const int MinimumPrefixLength = 3;

    private SearchQuery(string text, IReadOnlyList<IReadOnlyList<SearchTerm>> required, IReadOnlyList<SearchTerm> excluded)
    {
        Text = text;
        Required = required;
        Excluded = excluded;
    }

    /// <summary>The query as it is shown back to the reader: trimmed, cut to <see cref="MaxLength"/>, without control characters.</summary>
    public string Text { get; }

    /// <summary>Clauses that must all match; each is a list of alternatives (more than one when joined by OR).</summary>
    public IReadOnlyList<IReadOnlyList<SearchTerm>> Required { get; }

    /// <summary>Terms that must not match.</summary>
    public IReadOnlyList<SearchTerm> Excluded { get; }

    /// <summary>Nothing to look for: no required term (exclusions alone match nothing useful).</summary>
    public bool IsEmpty => Required.Count == 0;

    /// <summary>
    /// What the query looks for, written out one way — "(flood | drought) (mobile_clinic) (camp*) -attack" — so that two
    /// queries with the same key match the same statements ("Water  convoy" and "water convoy"): a cache of matches is keyed by it.
    /// </summary>
    public string Key => (string.Join(' ', Required.Select(clause => "(" + string.Join(" | ", clause.Select(Describe)) + ")"))
        + string.Concat(Excluded.Select(term => " -" + Describe(term)))).Trim();

    private static string Describe(SearchTerm term) => string.Join('_', term.Words) + (term.Prefix ? "*" : "");

    public static SearchQuery Parse(string? raw)
    {
        var text = Clean(raw);
        var required = new List<List<SearchTerm>>();
        var excluded = new List<SearchTerm>();
        var pieces = Split(text);
        var joinNext = false;
        for (var i = 0; i < pieces.Count && required.Count + excluded.Count < MaxTerms; i++)
        {
            var (piece, quoted, negated) = pieces[i];
            if (!quoted && !negated && piece == "OR")
            {
                joinNext = required.Count > 0;
                continue;
            }

            var words = Words(SearchText.Normalize(piece));
            if (words.Count == 0)
            {
                continue;
            }

            var isLast = i == pieces.Count - 1;
            var prefix = isLast && !quoted && !negated && words.Count == 1 && words[0].Length >= MinimumPrefixLength
                && text.Length > 0 && !char.IsWhiteSpace(text[^1]);
            // A word typed with a zero-width non-joiner also matches the same word written joined ("می‌روم", "میروم").
            List<SearchTerm> alternatives = [new SearchTerm(words, prefix)];
            if (!quoted && words.Count > 1 && piece.Contains('\u200C', StringComparison.Ordinal))
            {
                alternatives.Add(new SearchTerm([string.Concat(words)], Prefix: false));
            }

            // An Arabic word with the article or a particle also matches it written without them, and the reverse.
            if (!quoted && words.Count == 1 && SearchText.ArabicStem(words[0]) is var stem && stem != words[0])
            {
                alternatives.Add(new SearchTerm([stem], prefix));
            }

            if (negated)
            {
                excluded.AddRange(alternatives);
            }
            else if (joinNext)
            {
                required[^1].AddRange(alternatives);
            }
            else
            {
                required.Add(alternatives);
            }

            joinNext = false;
        }

        return new SearchQuery(text.Trim(), required, excluded);
    }

    /// <summary>
    /// A looser query for when this one found nothing: any one of its words, each shortened by two letters and matched as
    /// a prefix, so a misspelled ending ("convoi") or another form of the word still finds something to suggest.
    /// </summary>
    public SearchQuery Relaxed()
    {
        var alternatives = Required.SelectMany(clause => clause).SelectMany(term => term.Words)
            .Select(word => word.Length > 4 ? word[..^2] : word)
            .Distinct(StringComparer.Ordinal)
            .Select(word => new SearchTerm([word], Prefix: word.Length >= MinimumPrefixLength))
            .ToList();
        return new SearchQuery(Text, alternatives.Count == 0 ? [] : [alternatives], []);
    }

    /// <summary>
    /// The required words as one phrase, for ranking: "water convoy" for <c>water convoy</c>, so statements that have the
    /// words side by side can rank above those that have them paragraphs apart. Null for fewer than two required terms.
    /// </summary>
    public SearchQuery? AsPhrase() => Required.Count < 2 ? null
        : new SearchQuery(Text, [[new SearchTerm([.. Required.SelectMany(clause => clause[0].Words)], Required[^1][0].Prefix)]], Excluded);

    /// <summary>The searchable words of normalized text, split as the index splits them: runs of letters, digits and private-use characters.</summary>
    public static List<string> Words(string normalized)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                current.Append(rune.ToString());
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>The characters the index keeps in words (SQLite's unicode61 tokenizer: categories L*, N* and Co).</summary>
    public static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    private static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(raw.Length, MaxLength));
        foreach (var c in raw)
        {
            if (builder.Length == MaxLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        // A cut must not leave half of a surrogate pair.
        if (builder.Length > 0 && char.IsHighSurrogate(builder[^1]))
        {
            builder.Length--;
        }

        return builder.ToString().TrimStart();
    }

    /// <summary>Splits on white space, keeping "quoted phrases" (an unclosed quote runs to the end) and a leading minus.</summary>
    private static List<(string Text, bool Quoted, bool Negated)> Split(string text)
    {
        var pieces = new List<(string, bool, bool)>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var negated = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (negated)
            {
                i++;
            }

            if (text[i] is '"' or '\u201C' or '\u201D' or '\u00AB' or '\u00BB')
            {
                var end = text.IndexOfAny(['"', '\u201C', '\u201D', '\u00AB', '\u00BB'], i + 1);
                var phrase = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                pieces.Add((phrase, true, negated));
                i = end < 0 ? text.Length : end + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            pieces.Add((text[start..i], false, negated));
        }

        return pieces;
    }
}

/// <summary>One word, or several that must appear together in this order (a phrase); optionally matching as a prefix.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool Prefix)
{
    public bool IsPhrase => Words.Count > 1;
}
