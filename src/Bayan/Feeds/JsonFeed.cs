using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Bayan.Shared;

namespace Bayan.Feeds;

/// <summary>
/// JSON Feed 1.1 (jsonfeed.org/version/1.1). Bayan's own facts that the format has no field for — the statement's label
/// ("Announcement No. 3"), whether it was withdrawn, its categories by kind — go in the "_bayan" extension object, as the
/// specification provides for.
/// </summary>
public static class JsonFeed
{
    /// <summary>Persian and Arabic as themselves, not as \u escapes; characters that matter in HTML stay escaped.</summary>
    private static readonly JavaScriptEncoder Letters = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static byte[] Write(Feed feed)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Letters }))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", feed.Title);
            json.WriteString("home_page_url", feed.HomeUrl);
            json.WriteString("feed_url", feed.Urls[FeedFormat.Json]);
            if (feed.Description is { } description)
            {
                json.WriteString("description", description);
            }

            if (feed.LogoUrl is { } logo)
            {
                json.WriteString("icon", logo);
            }

            json.WriteString("favicon", feed.IconUrl);
            json.WriteString("language", feed.Language);
            json.WriteStartArray("items");
            foreach (var entry in feed.Entries)
            {
                Item(json, entry, feed.Language);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Item(Utf8JsonWriter json, FeedEntry entry, string language)
    {
        json.WriteStartObject();
        json.WriteString("id", entry.Id);
        json.WriteString("url", entry.Url);
        json.WriteString("title", entry.Title);
        json.WriteString("content_html", entry.ContentHtml);
        json.WriteString("summary", entry.Summary ?? entry.Excerpt);
        json.WriteString("date_published", ConditionalGet.Timestamp(entry.Published));
        json.WriteString("date_modified", ConditionalGet.Timestamp(entry.Updated));
        json.WriteString("language", language);
        json.WriteStartArray("authors");
        foreach (var signatory in entry.Signatories)
        {
            json.WriteStartObject();
            json.WriteString("name", signatory.Name);
            json.WriteString("url", signatory.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("tags");
        foreach (var category in entry.Categories)
        {
            json.WriteStringValue(category.Label);
        }

        json.WriteEndArray();
        if (entry.Attachments.Count > 0)
        {
            json.WriteStartArray("attachments");
            foreach (var attachment in entry.Attachments)
            {
                json.WriteStartObject();
                json.WriteString("url", attachment.Url);
                json.WriteString("mime_type", attachment.ContentType);
                json.WriteString("title", attachment.Title);
                json.WriteNumber("size_in_bytes", attachment.Length);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartObject("_bayan");
        json.WriteString("label", entry.Label);
        json.WriteBoolean("withdrawn", entry.Withdrawn);
        json.WriteStartArray("categories");
        foreach (var category in entry.Categories)
        {
            json.WriteStartObject();
            json.WriteString("kind", category.Kind);
            json.WriteString("slug", category.Term);
            json.WriteString("name", category.Label);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

}
