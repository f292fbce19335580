using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Bayan.Accounts;
using Bayan.Core.Attachments;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Bayan.Tests.Publishing;

/// <summary>Uploads with real files: checked by content, cleaned of metadata, refused with reasons when wrong.</summary>
public sealed class AttachmentUploadTests : IAsyncLifetime
{
    private BayanApp app = null!;

    public async Task InitializeAsync() => app = await BayanApp.StartAsync(demo: true, "--Bayan:MaxUploadMegabytes=1");

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_jpeg_with_gps_position_is_stored_without_its_exif_block()
    {
        var (client, url) = await NewStatementAsync(Roles.Author);
        var jpeg = WithGpsExif(Image(SKEncodedImageFormat.Jpeg));
        Assert.True(Contains(jpeg, "Exif\0\0"u8));

        using var response = await UploadAsync(client, url, jpeg, "scan of the signed letter.JPG", ("en", "The signed letter"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var attachment = await SingleAttachmentAsync(url);
        Assert.Equal("image/jpeg", attachment.ContentType);
        Assert.Equal("scan-of-the-signed-letter.jpg", attachment.FileName);
        Assert.Equal("The signed letter", attachment.Captions.Get("en"));
        var stored = await File.ReadAllBytesAsync(Path.Combine(app.DataDirectory, "files", attachment.Sha256[..2], attachment.Sha256));
        Assert.False(Contains(stored, "Exif\0\0"u8), "the EXIF block (with the GPS position) must not survive");
        Assert.Equal([0xFF, 0xD8, 0xFF], stored[..3]);
        Assert.NotNull(attachment.ThumbnailSha256);
    }

    [Fact]
    public async Task Png_and_pdf_are_accepted_and_the_pdf_is_read_for_its_text_and_pages()
    {
        var (client, url) = await NewStatementAsync(Roles.Editor);

        var plan = TestFiles.Pdf("Distribution plan for Kalat camp");
        using var png = await UploadAsync(client, url, Image(SKEncodedImageFormat.Png), "map.png");
        using var pdf = await UploadAsync(client, url, plan, "plan.pdf");
        using var again = await UploadAsync(client, url, plan, "plan-copy.pdf");

        Assert.Equal(HttpStatusCode.Redirect, png.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var (scope, db) = app.Db();
        await using var _ = scope;
        var id = IdOf(url);
        var document = await db.Attachments.SingleAsync(a => a.StatementId == id && a.ContentType == "application/pdf");
        Assert.Equal(1, document.PageCount);
        Assert.Contains("Distribution plan for Kalat camp", document.ExtractedText);
    }

    [Theory]
    [InlineData("program.pdf", "MZ\u0090\0\u0003\0\0\0\u0004\0this program cannot be run in DOS mode", "not really a PDF file")]
    [InlineData("notes.txt", "plain text notes", "cannot be attached")]
    [InlineData("photo.png", "\u0089PNG\r\n\u001a\ngarbage that is not an image at all", "could not be read")]
    [InlineData("report.pdf", "%PDF-1.7 and nothing a reader could open", "could not be read")]
    public async Task Files_that_are_not_what_they_claim_or_are_broken_are_refused(string name, string content, string reason)
    {
        var (client, url) = await NewStatementAsync(Roles.Author);

        using var response = await UploadAsync(client, url, content.Select(c => (byte)c).ToArray(), name);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector(".form-error")!.TextContent);
        var (scope, db) = app.Db();
        await using var _ = scope;
        Assert.False(await db.Attachments.AnyAsync(a => a.StatementId == IdOf(url)));
    }

    [Fact]
    public async Task Files_over_the_size_limit_are_refused_politely()
    {
        var (client, url) = await NewStatementAsync(Roles.Author);
        var big = new byte[1_200_000];
        "%PDF-1.4\n"u8.CopyTo(big);

        using var response = await UploadAsync(client, url, big, "huge.pdf");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("larger than the 1 MB allowed", await response.Content.ReadAsStringAsync());

        // Far over the limit, the server stops reading before the page sees the file: a 413 page, not an error.
        using var huge = await UploadAsync(client, url, new byte[3_500_000], "far-too-big.pdf");
        Assert.True(huge.StatusCode == HttpStatusCode.RequestEntityTooLarge, await huge.Content.ReadAsStringAsync());
        Assert.Contains("up to 1 MB", await huge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Attachments_of_a_draft_are_not_served_to_readers()
    {
        var (client, url) = await NewStatementAsync(Roles.Author);
        await UploadAsync(client, url, Image(SKEncodedImageFormat.Png), "draft-photo.png");
        var attachment = await SingleAttachmentAsync(url);

        using var file = await app.Client.GetAsync(new Uri($"/attachments/{attachment.Id}/{attachment.FileName}", UriKind.Relative));
        using var thumbnail = await app.Client.GetAsync(new Uri($"/attachments/{attachment.Id}/thumbnail.webp", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, thumbnail.StatusCode);
    }

    private async Task<(HttpClient Client, string Url)> NewStatementAsync(string role)
    {
        var client = await app.CreateClientAsAsync(role);
        using var created = await BayanApp.PostFormAsync(client, "/admin/statements/new", new()
        {
            ["Input.Translations[0].Title"] = $"With attachments {Guid.NewGuid():N}",
            ["Input.Translations[0].Body"] = "Text.",
        }, "form.editor");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return (client, created.Headers.Location!.OriginalString);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, byte[] bytes, string fileName, params (string Language, string Caption)[] captions)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        var form = page.QuerySelector("form.editor-upload")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        foreach (var (language, caption) in captions)
        {
            content.Add(new StringContent(caption), $"Captions[{language}]");
        }

        return await client.PostAsync(new Uri(url + "?handler=upload", UriKind.Relative), content);
    }

    private async Task<Attachment> SingleAttachmentAsync(string url)
    {
        var (scope, db) = app.Db();
        await using var _ = scope;
        return await db.Attachments.AsNoTracking().SingleAsync(a => a.StatementId == IdOf(url));
    }

    private static int IdOf(string url) => int.Parse(url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Image(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(new SKColor(0x1d, 0x5f, 0xa8));
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>Inserts an APP1 EXIF block holding a GPS position (latitude reference "N") right after the JPEG's start marker.</summary>
    private static byte[] WithGpsExif(byte[] jpeg)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
            0x00, 0x01, 0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1A, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, (byte)'N', 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
