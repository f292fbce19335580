namespace Bayan.Tests.Search;

/// <summary>
/// The relevance set: queries a reader would type over the sample content, each with the statement that must come first
/// (or NONE). Kept in relevance.tsv: language, query, extra query-string filters (or -), expected first title.
/// </summary>
/// <remarks>
/// It has a sample site of its own: the shared one gains statements from other tests (an editor test publishes a
/// "mobile clinic" statement), and a relevance set must run over a fixed corpus.
/// </remarks>
public class RelevanceTests(RelevanceTests.FixedCorpus site) : IClassFixture<RelevanceTests.FixedCorpus>
{
    public sealed class FixedCorpus : IAsyncLifetime
    {
        public BayanApp App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await BayanApp.StartAsync();

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryPaths.Root, "tests", "Bayan.Tests", "Search", "relevance.tsv")).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var columns = line.Split('\t');
            data.Add(columns[0], columns[1], columns[2], columns[3]);
        }

        return data;
    }

    [Fact]
    public void The_set_covers_enough_queries() => Assert.True(Cases().Count >= 40);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_expected_statement_comes_first(string lang, string query, string extra, string expected)
    {
        var url = $"/{lang}/search?q={Uri.EscapeDataString(query)}" + (extra == "-" ? "" : "&" + extra);
        var page = await site.App.GetHtmlAsync(url);
        var first = page.QuerySelector(".entries .entry-title")?.TextContent.Trim();

        Assert.Equal(expected == "NONE" ? null : expected, first);
    }
}
