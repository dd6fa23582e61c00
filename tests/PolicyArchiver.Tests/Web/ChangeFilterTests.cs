using System.Net;
using System.Text.Json.Nodes;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// The change registry narrowed by company, sector, type, language, topic and dates, paged, the
/// same in <c>/api/changes</c> and on <c>/changes</c>; every expectation is drawn from the
/// unfiltered registry and the targets, so each filter is checked against what it must keep.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class ChangeFilterTests(WebArchiveFixture web)
{
    private async Task<JsonArray> ChangesAsync(string query = "")
    {
        var response = await web.Http.GetAsync("/api/changes" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    private static List<string> Keys(IEnumerable<JsonNode?> changes) =>
        changes.Select(c => $"{c!["document"]}#{c["toVersion"]}").ToList();

    [Fact]
    public async Task Each_filter_keeps_exactly_the_changes_it_names()
    {
        var all = await ChangesAsync("?includeTechnical=true");
        Assert.NotEmpty(all);
        var documents = web.Temp.Targets.Documents.ToDictionary(d => d.Key);
        var companies = web.Temp.Targets.Companies.ToDictionary(c => c.Id);
        IEnumerable<JsonNode?> Where(Func<PolicyArchiver.Targets.Document, bool> keep) => all.Where(c => keep(documents[c!["document"]!.GetValue<string>()]));

        foreach (var company in companies.Keys)
            Assert.Equal(Keys(Where(d => d.CompanyId == company)), Keys(await ChangesAsync($"?includeTechnical=true&company={company}")));
        foreach (var sector in companies.Values.Select(c => c.Sector).Distinct())
            Assert.Equal(Keys(Where(d => companies[d.CompanyId].Sector == sector)), Keys(await ChangesAsync($"?includeTechnical=true&sector={sector}")));
        foreach (var type in documents.Values.Select(d => d.Type).Distinct())
            Assert.Equal(Keys(Where(d => d.Type == type)), Keys(await ChangesAsync($"?includeTechnical=true&type={type}")));
        foreach (var language in documents.Values.Select(d => d.Language).Distinct())
            Assert.Equal(Keys(Where(d => d.Language == language)), Keys(await ChangesAsync($"?includeTechnical=true&language={language}")));

        var topics = all.SelectMany(c => c!["topics"]!.AsArray().Select(t => t!.GetValue<string>())).Distinct().ToList();
        Assert.NotEmpty(topics);
        foreach (var topic in topics)
        {
            var expected = Keys(all.Where(c => c!["topics"]!.AsArray().Any(t => t!.GetValue<string>() == topic)));
            Assert.Equal(expected, Keys(await ChangesAsync($"?includeTechnical=true&topic={topic}")));
        }
        // A topic no change touches keeps none (the API used to ignore the topic and return everything).
        var untouched = PolicyArchiver.Web.SiteTopics.Lexicon.Ids.FirstOrDefault(id => !topics.Contains(id));
        if (untouched is not null) Assert.Empty(await ChangesAsync($"?topic={untouched}"));

        var times = all.Select(c => DateTimeOffset.Parse(c!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var middle = times[times.Count / 2];
        var from = Uri.EscapeDataString(middle.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Keys(all.Where((_, i) => times[i] >= middle)), Keys(await ChangesAsync($"?includeTechnical=true&from={from}")));
        Assert.Equal(Keys(all.Where((_, i) => times[i] <= middle)), Keys(await ChangesAsync($"?includeTechnical=true&to={from}")));
        // Technical changes are left out unless asked for.
        Assert.Equal(Keys(all.Where(c => !c!["technical"]!.GetValue<bool>())), Keys(await ChangesAsync()));
    }

    [Fact]
    public async Task Pages_of_the_api_follow_their_next_links_to_every_change()
    {
        var all = await ChangesAsync();
        Assert.True(all.Count >= 2);
        var seen = new List<JsonNode?>();
        string? next = "/api/changes?limit=1";
        while (next is not null)
        {
            var response = await web.Http.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("X-Total-Count").Single());
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            Assert.Single(page);
            seen.AddRange(page);
            next = response.Headers.TryGetValues("Link", out var links) ? LinkValue.Parse(links.Single()).SingleOrDefault(l => l.Is("next"))?.Target : null;
        }
        Assert.Equal(Keys(all), Keys(seen));
    }

    [Theory]
    [InlineData("/api/changes?topic=no-such-topic", "not a topic of this archive")]
    [InlineData("/api/changes?limit=0", "limit=")]
    [InlineData("/api/changes?offset=-3", "offset=")]
    [InlineData("/api/changes?to=12/31/2025", "not an ISO 8601")]
    public async Task A_filter_that_cannot_apply_is_400_saying_why(string path, string reason)
    {
        var response = await web.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_changes_page_filters_like_the_api_and_topics_answer()
    {
        var company = web.Temp.Targets.Companies[0].Id;
        var expected = (await ChangesAsync($"?company={company}")).Count;
        var (response, page) = await Page.GetAsync(web.Http, $"/changes?company={company}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, page.QuerySelectorAll("table.changes tbody tr").Length);
        Assert.Equal(company, page.QuerySelector("select[name=company] option[selected]")?.GetAttribute("value"));

        var (topicsResponse, topics) = await Page.GetAsync(web.Http, "/topics");
        Assert.Equal(HttpStatusCode.OK, topicsResponse.StatusCode);
        Assert.Equal(PolicyArchiver.Web.SiteTopics.Lexicon.Ids.Order(), topics.QuerySelectorAll("tbody tr").Select(r => r.Id!).Order());
        var api = JsonNode.Parse(await web.Http.GetStringAsync("/api/topics"))!.AsArray();
        Assert.Equal(PolicyArchiver.Web.SiteTopics.Lexicon.Ids, api.Select(t => t!["id"]!.GetValue<string>()));
    }
}
