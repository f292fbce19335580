using Bayan.Core.Languages;
using Bayan.Core.Taxonomy;
using Bayan.Shared;

namespace Bayan.Statements;

/// <summary>How a statement is labelled in a listing or on its page: "Announcement No. 3", or its type's name.</summary>
public static class Labels
{
    public static string For(CatalogSnapshot catalog, int typeId, int? seriesId, int? seriesNumber, SiteLanguage language)
    {
        if (seriesId is { } id && seriesNumber is { } number && catalog.Series.TryGetValue(id, out var series))
        {
            return SeriesLabel.Format(series.LabelPatterns.Get(language.Code), number, language.Digits);
        }

        return catalog.Types.TryGetValue(typeId, out var type) ? type.Names.Get(language.Code) : "";
    }

    public static IEnumerable<Organization> Signatories(CatalogSnapshot catalog, IEnumerable<int> organizationIds) =>
        organizationIds.Select(id => catalog.Organizations.GetValueOrDefault(id)).OfType<Organization>();
}
