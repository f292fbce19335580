using System.Globalization;
using System.Xml;

namespace Bayan.Import;

/// <summary>
/// Reads a WXR file as a stream, one item at a time (a 1 GB export in bounded memory). Refuses DTDs and external
/// entities, and anything that is not a WordPress export, with a message that says so.
/// </summary>
public sealed class WxrReader : IDisposable
{
    private const string WpPrefix = "http://wordpress.org/export/";
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNamespace = "http://purl.org/dc/elements/1.1/";

    private readonly XmlReader reader;
    private string wp = "";

    public WxrReader(Stream stream)
    {
        reader = XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            MaxCharactersFromEntities = 1024,
            XmlResolver = null,
            IgnoreWhitespace = true,
            IgnoreComments = true,
            Async = false,
        });
    }

    public WxrSite? Site { get; private set; }

    /// <summary>Authors' display names by login, from the export's wp:author entries.</summary>
    public Dictionary<string, string> Authors { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the channel's header, up to its first item; throws <see cref="WxrException"/> when this is not a WordPress export.</summary>
    public WxrSite ReadSite()
    {
        string title = "", link = "", baseSite = "", baseBlog = "", version = "";
        string? language = null;
        try
        {
            if (!reader.ReadToFollowing("rss"))
            {
                throw new WxrException("This is not a WordPress export: it has no <rss> element. Export the site from WordPress (Tools → Export) and give that file.");
            }

            if (!reader.ReadToFollowing("channel"))
            {
                throw new WxrException("This is not a WordPress export: it has no <channel>.");
            }

            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.Element && reader.LocalName == "item") && !(reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "channel"))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                if (reader.NamespaceURI.StartsWith(WpPrefix, StringComparison.Ordinal) && wp.Length == 0)
                {
                    wp = reader.NamespaceURI;
                }

                switch (reader.LocalName)
                {
                    case "title" when reader.NamespaceURI.Length == 0: title = reader.ReadElementContentAsString(); break;
                    case "link" when reader.NamespaceURI.Length == 0: link = reader.ReadElementContentAsString(); break;
                    case "language" when reader.NamespaceURI.Length == 0: language = reader.ReadElementContentAsString(); break;
                    case "wxr_version": version = reader.ReadElementContentAsString(); break;
                    case "base_site_url": baseSite = reader.ReadElementContentAsString(); break;
                    case "base_blog_url": baseBlog = reader.ReadElementContentAsString(); break;
                    case "author" when reader.NamespaceURI == wp: ReadAuthor(); break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (XmlException e)
        {
            throw Malformed(e);
        }

        if (wp.Length == 0 || version.Length == 0)
        {
            throw new WxrException("This is not a WordPress export (no wp:wxr_version): export the site from WordPress (Tools → Export) and give that file.");
        }

        if (!version.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new WxrException($"This export is WXR {version}; Bayan reads WXR 1.0 to 1.2 (WordPress 3.0 and later).");
        }

        Site = new WxrSite(title, link, baseSite.Length > 0 ? baseSite : link, baseBlog.Length > 0 ? baseBlog : link, language, version);
        return Site;
    }

    /// <summary>The items, one by one, after <see cref="ReadSite"/>.</summary>
    public IEnumerable<WxrItem> ReadItems()
    {
        if (Site is null)
        {
            ReadSite();
        }

        while (true)
        {
            WxrItem? item;
            try
            {
                while (!reader.EOF && !(reader.NodeType == XmlNodeType.Element && reader.LocalName == "item"))
                {
                    reader.Read();
                }

                if (reader.EOF)
                {
                    yield break;
                }

                using var subtree = reader.ReadSubtree();
                item = ReadItem(subtree);
                reader.Skip();
            }
            catch (XmlException e)
            {
                throw Malformed(e);
            }

            yield return item;
        }
    }

    private WxrItem ReadItem(XmlReader item)
    {
        string title = "", link = "", guid = "", content = "", excerpt = "", status = "", type = "", slug = "", creator = "", attachmentUrl = "";
        string postDate = "", postDateGmt = "", modified = "", modifiedGmt = "", password = "";
        int postId = 0, parent = 0;
        var terms = new List<WxrTerm>();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        item.Read();
        item.Read();
        while (!item.EOF)
        {
            if (item.NodeType != XmlNodeType.Element)
            {
                item.Read();
                continue;
            }

            var ns = item.NamespaceURI;
            var name = item.LocalName;
            if (ns.Length == 0)
            {
                switch (name)
                {
                    case "title": title = item.ReadElementContentAsString(); break;
                    case "link": link = item.ReadElementContentAsString(); break;
                    case "guid": guid = item.ReadElementContentAsString(); break;
                    case "category":
                        var domain = item.GetAttribute("domain") ?? "category";
                        var nicename = item.GetAttribute("nicename") ?? "";
                        terms.Add(new WxrTerm(domain, nicename, item.ReadElementContentAsString()));
                        break;
                    default: item.Skip(); break;
                }
            }
            else if (ns == ContentNamespace && name == "encoded")
            {
                content = item.ReadElementContentAsString();
            }
            else if (ns.StartsWith("http://wordpress.org/export/", StringComparison.Ordinal) && ns.EndsWith("/excerpt/", StringComparison.Ordinal) && name == "encoded")
            {
                excerpt = item.ReadElementContentAsString();
            }
            else if (ns == DcNamespace && name == "creator")
            {
                creator = item.ReadElementContentAsString();
            }
            else if (ns == wp)
            {
                switch (name)
                {
                    case "post_id": postId = Number(item.ReadElementContentAsString()); break;
                    case "post_date": postDate = item.ReadElementContentAsString(); break;
                    case "post_date_gmt": postDateGmt = item.ReadElementContentAsString(); break;
                    case "post_modified": modified = item.ReadElementContentAsString(); break;
                    case "post_modified_gmt": modifiedGmt = item.ReadElementContentAsString(); break;
                    case "status": status = item.ReadElementContentAsString(); break;
                    case "post_type": type = item.ReadElementContentAsString(); break;
                    case "post_name": slug = item.ReadElementContentAsString(); break;
                    case "post_parent": parent = Number(item.ReadElementContentAsString()); break;
                    case "attachment_url": attachmentUrl = item.ReadElementContentAsString(); break;
                    case "post_password": password = item.ReadElementContentAsString(); break;
                    case "postmeta":
                        ReadMeta(item, meta);
                        break;
                    default: item.Skip(); break;
                }
            }
            else
            {
                item.Skip();
            }
        }

        return new WxrItem(
            postId, guid, title, link, content, excerpt,
            Time(postDateGmt) ?? Time(postDate), Time(modifiedGmt) ?? Time(modified),
            status, type, Uri.UnescapeDataString(slug), creator, parent, attachmentUrl.Length > 0 ? attachmentUrl : null, terms, meta,
            password.Trim().Length > 0,
            Time(postDateGmt) is { } gmt && Time(postDate) is { } local ? local - gmt : null);
    }

    private void ReadAuthor()
    {
        using var subtree = reader.ReadSubtree();
        string login = "", name = "";
        subtree.Read();
        while (!subtree.EOF)
        {
            if (subtree.NodeType == XmlNodeType.Element && subtree.LocalName is "author_login" or "author_display_name")
            {
                var isLogin = subtree.LocalName == "author_login";
                var text = subtree.ReadElementContentAsString().Trim();
                (login, name) = isLogin ? (text, name) : (login, text);
                continue;
            }

            subtree.Read();
        }

        reader.Skip();
        if (login.Length > 0 && name.Length > 0)
        {
            Authors[login] = name;
        }
    }

    private void ReadMeta(XmlReader item, Dictionary<string, string> meta)
    {
        using var subtree = item.ReadSubtree();
        string key = "", value = "";
        subtree.Read();
        while (!subtree.EOF)
        {
            // Reading an element's content moves to the next node already: no Read() after it, or a neighbour is lost.
            if (subtree.NodeType == XmlNodeType.Element && subtree.NamespaceURI == wp && subtree.LocalName == "meta_key")
            {
                key = subtree.ReadElementContentAsString();
                continue;
            }

            if (subtree.NodeType == XmlNodeType.Element && subtree.NamespaceURI == wp && subtree.LocalName == "meta_value")
            {
                value = subtree.ReadElementContentAsString();
                continue;
            }

            subtree.Read();
        }

        item.Skip();
        if (key.Length > 0)
        {
            meta[key] = value;
        }
    }

    /// <summary>WordPress writes "2024-03-01 09:30:00", and "0000-00-00 00:00:00" for a time never set.</summary>
    private static DateTime? Time(string text) =>
        DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            && time.Year > 1
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : null;

    private static int Number(string text) => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static WxrException Malformed(XmlException e) =>
        e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
            ? new WxrException("The file declares a DTD, which a WordPress export never does; it is refused (it could make the import read other files).")
            : new WxrException($"The file is not well-formed XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message} Is it complete? Export it again from WordPress.");

    public void Dispose() => reader.Dispose();
}

/// <summary>A file that cannot be imported, with what to do about it.</summary>
public sealed class WxrException(string message) : Exception(message);
