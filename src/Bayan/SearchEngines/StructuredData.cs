using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Bayan.Shared;

namespace Bayan.SearchEngines;

/// <summary>
/// schema.org JSON-LD for a statement's page: the statement as an Article (headline, dates, language, the signatories as
/// authors, our organization as publisher) and the BreadcrumbList that leads to it. Serialized with HTML's special
/// characters escaped, so nothing in a title can end the script element it sits in.
/// </summary>
public static class StructuredData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // Letters of every script as themselves; &lt; &gt; &amp; and quotes still escaped (the default encoder's rule).
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Article(StatementDescription statement)
    {
        var article = new JsonObject
        {
            ["@type"] = "Article",
            ["@id"] = statement.Url + "#statement",
            ["headline"] = statement.Headline,
            ["description"] = statement.Description,
            ["url"] = statement.Url,
            ["mainEntityOfPage"] = statement.Url,
            ["inLanguage"] = statement.Language,
            ["datePublished"] = ConditionalGet.Timestamp(statement.Published),
            ["dateModified"] = ConditionalGet.Timestamp(statement.Modified),
            ["author"] = new JsonArray([.. statement.Authors.Select(Organization)]),
            ["publisher"] = Organization(statement.Publisher),
        };
        if (statement.Images.Count > 0)
        {
            article["image"] = new JsonArray([.. statement.Images.Select(i => (JsonNode)JsonValue.Create(i)!)]);
        }

        var crumbs = new JsonArray();
        foreach (var (crumb, position) in statement.Breadcrumbs.Select((c, i) => (c, i + 1)))
        {
            crumbs.Add(new JsonObject
            {
                ["@type"] = "ListItem",
                ["position"] = position,
                ["name"] = crumb.Name,
                ["item"] = crumb.Url,
            });
        }

        var graph = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new JsonArray(article, new JsonObject { ["@type"] = "BreadcrumbList", ["itemListElement"] = crumbs }),
        };
        return graph.ToJsonString(Options);
    }

    private static JsonObject Organization(OrganizationDescription organization)
    {
        var node = new JsonObject { ["@type"] = "Organization", ["name"] = organization.Name, ["url"] = organization.Url };
        if (organization.LogoUrl is { } logo)
        {
            node["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = logo };
        }

        return node;
    }

}

/// <summary>What search engines are told about a statement; URLs absolute.</summary>
public sealed record StatementDescription(
    string Headline,
    string Description,
    string Url,
    string Language,
    DateTime Published,
    DateTime Modified,
    IReadOnlyList<OrganizationDescription> Authors,
    OrganizationDescription Publisher,
    IReadOnlyList<string> Images,
    IReadOnlyList<(string Name, string Url)> Breadcrumbs);

public sealed record OrganizationDescription(string Name, string Url, string? LogoUrl);
