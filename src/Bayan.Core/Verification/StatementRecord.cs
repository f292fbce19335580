using System.Globalization;
using System.Text.Json.Nodes;
using Bayan.Core.Statements;

namespace Bayan.Core.Verification;

/// <summary>
/// What the organization signs: one translation of a statement as readers get it, in a form anyone can rebuild and
/// canonicalize (RFC 8785) to check the signature. docs/verification.md describes every member.
/// </summary>
public static class StatementRecord
{
    public const string Format = "bayan-statement/1";

    /// <summary>The member that says when it was signed; left out when comparing a record with the site's data.</summary>
    public const string SignedMember = "signed";

    /// <summary>
    /// The record of <paramref name="translation"/> as it stands: its public text when it is published (and the statement
    /// is published or withdrawn), else only what identifies it, marked "unpublished". Needs the statement with its type,
    /// series, signatories' organizations, attachments, and the translation's revisions.
    /// </summary>
    public static JsonObject Of(Statement statement, StatementTranslation translation)
    {
        var record = new JsonObject
        {
            ["format"] = Format,
            ["statement"] = statement.Id,
            ["language"] = translation.Language,
        };
        var published = translation.Revisions.Where(r => r.WasPublished).OrderBy(r => r.Version).ToList();
        if (!statement.IsPublic || !translation.IsPublished || published.Count == 0)
        {
            record["state"] = "unpublished";
            return record;
        }

        var current = published[^1];
        record["state"] = statement.Status == StatementStatus.Withdrawn ? "withdrawn" : "published";
        record["version"] = current.Version;
        record["title"] = translation.Title;
        record["summary"] = translation.Summary;
        record["body"] = translation.BodyHtml;
        record["changeNote"] = published.Count > 1 ? current.ChangeNote : null;
        record["publishedAt"] = Time(statement.PublishedAt);
        // This language's own last correction, as its page shows it: a correction in another language does not date it.
        record["updatedAt"] = published.Count > 1 ? Time(current.SavedAt) : null;
        record["type"] = statement.Type.Slug;
        record["series"] = statement.Series?.Slug;
        record["number"] = statement.SeriesNumber;
        record["signatories"] = new JsonArray([.. statement.Signatories.OrderBy(s => s.Position).Select(s => (JsonNode?)s.Organization.Slug)]);
        record["attachments"] = new JsonArray([.. statement.Attachments.OrderBy(a => a.Position).Select(a => (JsonNode?)new JsonObject
        {
            ["file"] = a.FileName,
            ["sha256"] = a.Sha256,
        })]);
        if (statement.Status == StatementStatus.Withdrawn)
        {
            record["withdrawnAt"] = Time(statement.WithdrawnAt);
            record["withdrawalNote"] = statement.WithdrawalNote.Get(translation.Language);
        }

        return record;
    }

    /// <summary>Whether two records say the same, whenever each was signed.</summary>
    public static bool SameContent(JsonObject a, JsonObject b) =>
        CanonicalJson.SerializeToString(WithoutSigned(a)) == CanonicalJson.SerializeToString(WithoutSigned(b));

    public static JsonObject WithoutSigned(JsonObject record)
    {
        var copy = (JsonObject)record.DeepClone();
        copy.Remove(SignedMember);
        return copy;
    }

    /// <summary>Times in UTC to the second, as RFC 3339 writes them.</summary>
    public static string? Time(DateTime? utc) =>
        utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
