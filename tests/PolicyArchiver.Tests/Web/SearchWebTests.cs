using System.Net;
using System.Text.Json.Nodes;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// <c>/search</c> and <c>/api/search</c> on the fixture archive: privacy-policy-ru gained clause 6.4
/// (the «Тест Бонус» loyalty programme) and lost clause 4.3 (automated decisions) in change 1.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public class SearchWebTests(WebArchiveFixture web)
{
    private const string Privacy = "/companies/testbank/privacy-policy-ru";

    private async Task<(HttpResponseMessage Response, JsonArray Hits)> ApiAsync(string query)
    {
        var response = await web.Http.GetAsync("/api/search?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray());
    }

    [Fact]
    public async Task A_phrase_added_by_change_1_links_the_version_and_the_change_that_brought_it()
    {
        var page = await Page.OkAsync(web.Http, "/search?q=" + Uri.EscapeDataString("\"программе лояльности\""));

        // privacy-policy-old redirects to the same page: it has the same history.
        var result = Assert.Single(page.QuerySelectorAll("ol.results > li"), li => li.QuerySelector($"h2 a[href='{Privacy}']") is not null);
        Assert.Equal("программе лояльности", result.QuerySelector("blockquote.snippet mark")!.TextContent);
        var span = Assert.Single(result.QuerySelectorAll("ul.spans li"));
        Assert.StartsWith("Appeared in v2 with change 1", span.TextContent);
        Assert.Contains("still in the latest version", span.TextContent);
        Assert.NotNull(span.QuerySelector($"a[href='{Privacy}/changes/1']"));
        Assert.NotNull(span.QuerySelector($"a[href='{Privacy}/versions/2']"));
    }

    [Fact]
    public async Task A_clause_removed_by_change_1_is_found_in_v1_with_the_change_that_removed_it()
    {
        var page = await Page.OkAsync(web.Http, "/search?q=автоматизированной&company=testbank");

        var result = Assert.Single(page.QuerySelectorAll("ol.results > li"), li => li.QuerySelector($"h2 a[href='{Privacy}']") is not null);
        var span = Assert.Single(result.QuerySelectorAll("ul.spans li"));
        Assert.StartsWith("Present since the first version, v1", span.TextContent);
        Assert.Contains("disappeared in v2 with change 1", span.TextContent);
        Assert.NotNull(result.QuerySelector($"blockquote.snippet a[href='{Privacy}/versions/1']"));
    }

    [Fact]
    public async Task The_page_has_a_form_with_every_filter_and_the_header_and_home_page_lead_to_it()
    {
        var page = await Page.OkAsync(web.Http, "/search?q=дербес&language=kk&from=2024-01-01");
        var form = page.QuerySelector("form[action='/search']")!;
        foreach (var name in new[] { "q", "company", "sector", "type", "language", "from", "to" }) Assert.NotNull(form.QuerySelector($"[name='{name}']"));
        Assert.Equal("дербес", form.QuerySelector("input[name='q']")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("select[name='language'] option[value='kk'][selected]"));
        Assert.NotNull(page.QuerySelector("header nav a[href='/search']"));
        Assert.NotNull((await Page.OkAsync(web.Http, "/")).QuerySelector("form[action='/search'] input[name='q']"));
        Assert.Contains("No document matches криптовалюта", (await Page.OkAsync(web.Http, "/search?q=криптовалюта")).QuerySelector("#no-match")!.TextContent);
    }

    [Theory]
    [InlineData("company=testbank")]
    [InlineData("company=nobank")]
    [InlineData("sector=banking")]
    [InlineData("sector=telecom")]
    [InlineData("type=privacy-policy")]
    [InlineData("language=kk")]
    [InlineData("language=ru")]
    public async Task Each_document_filter_keeps_exactly_the_documents_it_names(string filter)
    {
        var (_, all) = await ApiAsync("q=дербес");
        Assert.True(all.Count >= 2, "the fixture has Kazakh documents about дербес деректер");
        var (name, value) = (filter.Split('=')[0], filter.Split('=')[1]);
        var field = name == "company" ? "company" : name;
        var expected = all.Where(h => h![field]!.GetValue<string>() == value).Select(h => h!["document"]!.GetValue<string>()).ToList();
        var (_, filtered) = await ApiAsync("q=дербес&" + filter);
        Assert.Equal(expected, filtered.Select(h => h!["document"]!.GetValue<string>()));
        var page = await Page.OkAsync(web.Http, "/search?q=дербес&" + filter);
        Assert.Equal(expected.Count, page.QuerySelectorAll("ol.results > li").Length);
    }

    [Fact]
    public async Task The_date_window_keeps_the_documents_with_a_matching_version_in_force_then()
    {
        var (_, all) = await ApiAsync("q=дербес");
        var (_, now) = await ApiAsync($"q=дербес&from={DateTimeOffset.UtcNow.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(all.Count, now.Count);
        var (_, before) = await ApiAsync("q=дербес&from=01.01.2000&to=2000-01-02");
        Assert.Empty(before);
        // Change 1 removed clause 4.3: after the second round only its first version had it.
        var (_, removed) = await ApiAsync($"q=автоматизированной&from={DateTimeOffset.UtcNow.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Empty(removed);
    }

    [Fact]
    public async Task The_api_pages_with_offset_and_limit_like_api_changes()
    {
        var (first, page1) = await ApiAsync("q=дербес&limit=1");
        var total = int.Parse(first.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 2, "more than one document to page through");
        Assert.Single(page1);
        var next = first.Headers.GetValues("Link").Single();
        Assert.Equal("</api/search?q=%D0%B4%D0%B5%D1%80%D0%B1%D0%B5%D1%81&offset=1&limit=1>; rel=\"next\"", next);
        var (last, lastPage) = await ApiAsync($"q=дербес&offset={total - 1}&limit=1");
        Assert.Single(lastPage);
        Assert.False(last.Headers.Contains("Link"));
        Assert.NotEqual(page1[0]!["document"]!.GetValue<string>(), lastPage[0]!["document"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_api_answers_what_search_json_prints()
    {
        var cli = await Support.Cli.RunAsync(web.Temp, "search", "\"программе лояльности\"", "--json");
        Assert.Equal(0, cli.ExitCode);
        var (_, api) = await ApiAsync("q=" + Uri.EscapeDataString("\"программе лояльности\""));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli.Out), api), cli.Out);
        Assert.Equal(1, api[0]!["spans"]![0]!["appearedByChange"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/search", "q: missing")]
    [InlineData("/api/search?q=%C2%AB%C2%BB", "q=\"«»\": no word")]
    [InlineData("/api/search?q=x&from=32.01.2024", "from=\"32.01.2024\"")]
    [InlineData("/api/search?q=x&to=soon", "to=\"soon\"")]
    [InlineData("/api/search?q=x&limit=0", "limit=\"0\"")]
    [InlineData("/api/search?q=x&offset=-1", "offset=\"-1\"")]
    public async Task A_bad_parameter_is_400_naming_it(string path, string message)
    {
        var response = await web.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_date_on_the_page_is_400_naming_it()
    {
        var (response, page) = await Page.GetAsync(web.Http, "/search?q=x&from=tomorrow");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from=\"tomorrow\"", page.Body!.TextContent);
    }
}
