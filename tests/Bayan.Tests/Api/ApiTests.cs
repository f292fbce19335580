using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bayan.Tests.Api;

/// <summary>
/// Every endpoint of the JSON API on the sample site, each answer checked against the OpenAPI document the site
/// publishes: the schema of the operation's response, made strict (every property present, no other) so that a name
/// the document gets wrong fails here.
/// </summary>
[Collection(DemoSiteDefinition.Name)]
public class ApiTests(DemoSiteFixture site)
{
    private static readonly string[] ChangeDates = ["published_at", "updated_at", "withdrawn_at"];

    private JsonObject? document;

    [Fact]
    public async Task The_document_is_openapi_3_1_and_describes_exactly_the_api()
    {
        var openApi = await DocumentAsync();

        Assert.StartsWith("3.1", openApi["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).Where(p => !p.StartsWith("/api/v1/admin/", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(
            ["/api/v1/organizations", "/api/v1/search", "/api/v1/series", "/api/v1/statements", "/api/v1/statements/{id}", "/api/v1/tags", "/api/v1/types"],
            paths);
        var list = openApi["paths"]!["/api/v1/statements"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["cursor", "lang", "limit", "org", "series", "tag", "type", "updated_since"], list.Order());

        // Every parameter of every operation says what it does; bounds are in the schema.
        var parameters = openApi["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().SelectMany(o => o.Value!["parameters"]?.AsArray() ?? [])).ToList();
        Assert.All(parameters, p => Assert.False(string.IsNullOrWhiteSpace(p!["description"]?.GetValue<string>()), p!["name"]!.GetValue<string>()));
        var limit = openApi["paths"]!["/api/v1/statements"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "limit")!["schema"]!;
        Assert.Equal(1, limit["minimum"]!.GetValue<int>());
        Assert.Equal(100, limit["maximum"]!.GetValue<int>());
    }

    [Fact]
    public async Task Statements_are_listed_newest_first_and_paged_by_cursor_to_the_end()
    {
        var seen = new List<int>();
        string? cursor = null;
        var dates = new List<DateTime>();
        do
        {
            var page = await GetValidAsync("/api/v1/statements?limit=7" + (cursor is null ? "" : "&cursor=" + cursor), "/api/v1/statements");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 7);
            seen.AddRange(items.Select(i => i.GetProperty("id").GetInt32()));
            dates.AddRange(items.Select(i => i.GetProperty("published_at").GetDateTime()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(dates.OrderDescending(), dates);
        var all = await GetValidAsync("/api/v1/statements?limit=100", "/api/v1/statements");
        Assert.Equal(all.GetProperty("items").GetArrayLength(), seen.Count);
        Assert.Contains(all.GetProperty("items").EnumerateArray(), i => i.GetProperty("status").GetString() == "withdrawn");
    }

    [Fact]
    public async Task Filters_a_language_and_updated_since_narrow_the_list()
    {
        var announcements = await GetValidAsync("/api/v1/statements?series=announcements&limit=100", "/api/v1/statements");
        Assert.All(announcements.GetProperty("items").EnumerateArray(), i => Assert.Equal("announcements", i.GetProperty("series").GetString()));

        var partner = await GetValidAsync("/api/v1/statements?org=open-wells&limit=100", "/api/v1/statements");
        Assert.All(partner.GetProperty("items").EnumerateArray(), i => Assert.Contains("open-wells", i.GetProperty("signatories").EnumerateArray().Select(s => s.GetString())));

        var arabic = await GetValidAsync("/api/v1/statements?lang=ar&limit=100", "/api/v1/statements");
        Assert.All(arabic.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("translations").TryGetProperty("ar", out _)));
        var every = await GetValidAsync("/api/v1/statements?limit=100", "/api/v1/statements");
        Assert.True(arabic.GetProperty("items").GetArrayLength() < every.GetProperty("items").GetArrayLength());

        var recent = await GetValidAsync("/api/v1/statements?updated_since=2026-01-01T00:00:00Z&limit=100", "/api/v1/statements");
        Assert.NotEmpty(recent.GetProperty("items").EnumerateArray());
        Assert.All(recent.GetProperty("items").EnumerateArray(), i => Assert.Contains(
            ChangeDates, p => i.GetProperty(p).ValueKind == JsonValueKind.String && i.GetProperty(p).GetDateTime() >= new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public async Task One_statement_has_its_translations_versions_and_attachments()
    {
        var list = await GetValidAsync("/api/v1/statements?limit=100", "/api/v1/statements");
        var withAttachments = list.GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("translations").TryGetProperty("en", out var en) && en.GetProperty("title").GetString()!.StartsWith("Drought on the Dasht plain", StringComparison.Ordinal));
        var id = withAttachments.GetProperty("id").GetInt32();

        var statement = await GetValidAsync($"/api/v1/statements/{id}", "/api/v1/statements/{id}");
        var english = statement.GetProperty("translations").GetProperty("en");
        Assert.Contains("<p>", english.GetProperty("body_html").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, english.GetProperty("versions")[0].GetProperty("version").GetInt32());
        Assert.Equal(2, statement.GetProperty("attachments").GetArrayLength());
        var attachment = statement.GetProperty("attachments")[0];
        Assert.Equal(64, attachment.GetProperty("sha256").GetString()!.Length);
        using var file = await site.App.Client.GetAsync(new Uri(attachment.GetProperty("url").GetString()!).PathAndQuery);
        Assert.Equal(attachment.GetProperty("size").GetInt64(), (await file.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory]
    [InlineData("/api/v1/organizations", "/api/v1/organizations")]
    [InlineData("/api/v1/series", "/api/v1/series")]
    [InlineData("/api/v1/types", "/api/v1/types")]
    [InlineData("/api/v1/tags", "/api/v1/tags")]
    public async Task The_sites_lists_are_there_in_every_language(string url, string path)
    {
        var list = await GetValidAsync(url, path);

        Assert.NotEmpty(list.EnumerateArray());
        Assert.All(list.EnumerateArray(), item =>
        {
            Assert.False(string.IsNullOrEmpty(item.GetProperty("slug").GetString()));
            Assert.True(item.GetProperty("names").TryGetProperty("en", out _));
        });
    }

    [Fact]
    public async Task Search_answers_as_the_search_page_does()
    {
        var results = await GetValidAsync("/api/v1/search?q=" + Uri.EscapeDataString("كودكان"), "/api/v1/search");
        Assert.Equal("en", results.GetProperty("language").GetString());

        var persian = await GetValidAsync("/api/v1/search?lang=fa&q=" + Uri.EscapeDataString("كودكان"), "/api/v1/search");
        Assert.True(persian.GetProperty("total").GetInt32() > 0);
        Assert.All(persian.GetProperty("items").EnumerateArray(), i => Assert.Equal("fa", i.GetProperty("language").GetString()));

        var english = await GetValidAsync("/api/v1/search?q=water&type=statement", "/api/v1/search");
        Assert.Contains("<mark>", english.GetProperty("items")[0].GetProperty("snippet_html").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/statements?cursor=not-a-cursor", 400, "/api/v1/statements")]
    [InlineData("/api/v1/statements?limit=0", 400, "/api/v1/statements")]
    [InlineData("/api/v1/statements?limit=101", 400, "/api/v1/statements")]
    [InlineData("/api/v1/statements?org=nobody", 400, "/api/v1/statements")]
    [InlineData("/api/v1/statements?lang=xx", 400, "/api/v1/statements")]
    [InlineData("/api/v1/search?q=water&lang=xx", 400, "/api/v1/search")]
    [InlineData("/api/v1/search?q=water&page=0", 400, "/api/v1/search")]
    [InlineData("/api/v1/statements/999999", 404, "/api/v1/statements/{id}")]
    [InlineData("/api/v1/statements?limit=abc", 400, "/api/v1/statements")]
    [InlineData("/api/v1/statements?updated_since=yesterday", 400, "/api/v1/statements")]
    [InlineData("/api/v1/search?q=water&sort=bogus", 400, "/api/v1/search")]
    public async Task Bad_requests_get_problem_details(string url, int status, string path)
    {
        using var response = await site.App.Client.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        await AssertValidAsync(await response.Content.ReadAsStringAsync(), path, status.ToString(System.Globalization.CultureInfo.InvariantCulture), "application/problem+json");
    }

    [Fact]
    public async Task Answers_carry_an_etag_and_304_and_are_open_to_every_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tags");
        request.Headers.Add("Origin", "https://researcher.example");
        using var first = await site.App.Client.SendAsync(request);
        Assert.Equal("*", first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var tag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tags");
        again.Headers.IfNoneMatch.Add(tag);
        using var notModified = await site.App.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var posted = await site.App.Client.PostAsync("/api/v1/statements", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);
        Assert.Equal("application/problem+json", posted.Content.Headers.ContentType!.MediaType);
        using var nowhere = await site.App.Client.GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal("application/problem+json", nowhere.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Too_many_requests_from_one_address_get_429_with_retry_after()
    {
        await using var limited = await BayanApp.StartAsync(demo: false, "--Bayan:Api:RequestsPerMinute=3");
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await limited.Client.GetAsync("/api/v1/tags");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await limited.Client.GetAsync("/api/v1/types");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);

        // The site's pages are not the API's to limit.
        using var page = await limited.Client.GetAsync("/en/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private async Task<JsonElement> GetValidAsync(string url, string path)
    {
        using var response = await site.App.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        await AssertValidAsync(body, path, "200", "application/json");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task AssertValidAsync(string body, string path, string status, string mediaType) =>
        OpenApiDocument.AssertValid(await DocumentAsync(), body, path, "get", status, mediaType);

    private async Task<JsonObject> DocumentAsync() =>
        document ??= JsonNode.Parse(await site.App.Client.GetStringAsync("/openapi/v1.json"))!.AsObject();
}
