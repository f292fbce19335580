using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Bayan.Feeds;

/// <summary>
/// RSS 2.0 and Atom 1.0, written by System.ServiceModel.Syndication. RSS has no place for an updated date or for authors
/// without an email address: those go in as Atom elements (the Atom namespace is the usual extension for them) and
/// Dublin Core's creator; the full text is RSS's description, while Atom keeps the summary and the content apart.
/// </summary>
public static class XmlFeeds
{
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";

    public static byte[] Write(Feed feed, FeedFormat format)
    {
        var rss = format == FeedFormat.Rss;
        var syndication = new SyndicationFeed(feed.Title, feed.Description, new Uri(feed.HomeUrl), feed.Id, feed.Updated.ToUniversalTime())
        {
            Language = feed.Language,
            ImageUrl = feed.LogoUrl is { } logo ? new Uri(logo) : null,
            Generator = "Bayan",
        };
        if (rss)
        {
            syndication.AttributeExtensions.Add(new XmlQualifiedName("dc", "http://www.w3.org/2000/xmlns/"), DublinCore);
        }

        syndication.Links.Add(SyndicationLink.CreateSelfLink(new Uri(feed.Urls[format]), rss ? "application/rss+xml" : "application/atom+xml"));
        if (!rss)
        {
            syndication.ElementExtensions.Add(new XElement(XName.Get("icon", "http://www.w3.org/2005/Atom"), feed.IconUrl));
        }

        syndication.Items = feed.Entries.Select(entry => Item(entry, rss)).ToList();

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            if (rss)
            {
                new Rss20FeedFormatter(syndication, serializeExtensionsAsAtom: true).WriteTo(xml);
            }
            else
            {
                new Atom10FeedFormatter(syndication).WriteTo(xml);
            }
        }

        return buffer.ToArray();
    }

    private static SyndicationItem Item(FeedEntry entry, bool rss)
    {
        var item = new SyndicationItem
        {
            Id = entry.Id,
            Title = new TextSyndicationContent(entry.Title),
            PublishDate = new DateTimeOffset(DateTime.SpecifyKind(entry.Published, DateTimeKind.Utc)),
            LastUpdatedTime = new DateTimeOffset(DateTime.SpecifyKind(entry.Updated, DateTimeKind.Utc)),
        };
        if (rss)
        {
            // RSS readers show the description: the whole statement, as on its page.
            item.Summary = new TextSyndicationContent(entry.ContentHtml, TextSyndicationContentKind.Html);
            foreach (var signatory in entry.Signatories)
            {
                item.ElementExtensions.Add(new XElement(XName.Get("creator", DublinCore), signatory.Name));
            }
        }
        else
        {
            item.Summary = new TextSyndicationContent(entry.Summary ?? entry.Excerpt);
            item.Content = new TextSyndicationContent(entry.ContentHtml, TextSyndicationContentKind.Html);
            foreach (var signatory in entry.Signatories)
            {
                item.Authors.Add(new SyndicationPerson(null, signatory.Name, signatory.Url));
            }
        }

        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(entry.Url), "text/html"));
        foreach (var attachment in entry.Attachments)
        {
            item.Links.Add(new SyndicationLink(new Uri(attachment.Url), "enclosure", attachment.Title, attachment.ContentType, attachment.Length));
        }

        foreach (var category in entry.Categories)
        {
            // The scheme names the kind of category as a URN, the same on every site and address.
            var scheme = "urn:bayan:" + category.Kind;
            item.Categories.Add(rss ? new SyndicationCategory(category.Label, scheme, null) : new SyndicationCategory(category.Term, scheme, category.Label));
        }

        return item;
    }
}
