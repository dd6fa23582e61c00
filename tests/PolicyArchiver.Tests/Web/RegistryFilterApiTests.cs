using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// Each filter of <c>/api/changes</c> over a registry where it must cut something off (two companies
/// in two sectors, three types, three languages, two topics, weeks of changes, technical ones among
/// them): a filter the API ignored would return the whole registry and fail here. Expectations come
/// from how <see cref="RegistryArchive"/> was recorded, not from the API itself.
/// </summary>
[Collection(RegistryArchive.Collection)]
public sealed class RegistryFilterApiTests(RegistryArchive registry)
{
    private sealed record Expected(string Document, int ToVersion, bool Technical, string Topic)
    {
        public string Company => Document.Split('/')[0];
        public string Key => $"{Document}#{ToVersion}";
    }

    /// <summary>Every change the archive was recorded with, technical ones included.</summary>
    private static readonly List<Expected> Recorded = RegistryArchive.Versions
        .SelectMany(d => Enumerable.Range(2, d.Value - 1).Select(v => new Expected(d.Key, v, RegistryArchive.IsTechnical(v), RegistryArchive.TopicOf(v))))
        .ToList();

    private async Task<(JsonArray Changes, HttpResponseMessage Response)> GetAsync(string query)
    {
        var response = await registry.Http.GetAsync("/api/changes" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {await response.Content.ReadAsStringAsync()}");
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray(), response);
    }

    private static List<string> Keys(IEnumerable<JsonNode?> changes) =>
        changes.Select(c => $"{c!["document"]}#{c["toVersion"]}").Order(StringComparer.Ordinal).ToList();

    private static List<string> Keys(IEnumerable<Expected> changes) => changes.Select(c => c.Key).Order(StringComparer.Ordinal).ToList();

    private static DateTimeOffset At(JsonNode? change) => DateTimeOffset.Parse(change!["at"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>The filter keeps exactly <paramref name="kept"/>, which is some but not all of the registry.</summary>
    private async Task AssertKeepsAsync(string query, Func<Expected, bool> kept, bool technicalToo = true)
    {
        var universe = Recorded.Where(c => technicalToo || !c.Technical).ToList();
        var expected = Keys(universe.Where(kept));
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < universe.Count, $"{query} must leave something out for the test to mean anything");
        Assert.Equal(expected, Keys((await GetAsync(query)).Changes));
    }

    [Fact]
    public async Task The_registry_holds_every_recorded_change_technical_ones_only_when_asked()
    {
        Assert.Equal(Keys(Recorded), Keys((await GetAsync("?includeTechnical=true")).Changes));
        await AssertKeepsAsync("", c => !c.Technical);
        await AssertKeepsAsync("?includeTechnical=false", c => !c.Technical);
        Assert.Contains(Recorded, c => c.Technical);
    }

    [Theory]
    [InlineData("company", "tengritel")]
    [InlineData("company", "steppebank")]
    [InlineData("sector", "telecom")]
    [InlineData("sector", "banking")]
    [InlineData("type", "cookie-policy")]
    [InlineData("type", "privacy-policy")]
    [InlineData("type", "terms-of-service")]
    [InlineData("language", "kk")]
    [InlineData("language", "ru")]
    [InlineData("language", "en")]
    [InlineData("topic", "cookies")]
    [InlineData("topic", "retention")]
    public async Task Each_filter_keeps_only_the_changes_it_names(string name, string value)
    {
        var targets = registry.Temp.Targets;
        bool Keeps(Expected c)
        {
            var document = targets.Find(c.Document)!;
            var company = targets.Companies.Single(x => x.Id == c.Company);
            return name switch
            {
                "company" => c.Company == value,
                "sector" => company.Sector == value,
                "type" => document.Type == value,
                "language" => document.Language == value,
                "topic" => c.Topic == value,
                _ => throw new ArgumentException(name),
            };
        }
        await AssertKeepsAsync($"?includeTechnical=true&{name}={value}", Keeps);
        await AssertKeepsAsync($"?{name}={value}", c => Keeps(c) && !c.Technical, technicalToo: false);
    }

    [Fact]
    public async Task From_and_to_keep_the_changes_of_their_days_in_iso_and_day_first_forms()
    {
        var all = (await GetAsync("?includeTechnical=true")).Changes;
        var days = all.Select(c => DateOnly.FromDateTime(At(c).UtcDateTime)).Distinct().Order().ToList();
        Assert.True(days.Count > 5);
        var (first, last) = (days[2], days[^3]);
        List<string> Between(DateOnly? from, DateOnly? to) => Keys(all.Where(c =>
        {
            var day = DateOnly.FromDateTime(At(c).UtcDateTime);
            return (from is null || day >= from) && (to is null || day <= to);
        }));

        foreach (var (name, format) in new[] { ("ISO", "yyyy-MM-dd"), ("day-first", "dd.MM.yyyy") })
        {
            var from = first.ToString(format, CultureInfo.InvariantCulture);
            var to = last.ToString(format, CultureInfo.InvariantCulture);
            Assert.Equal(Between(first, null), Keys((await GetAsync($"?includeTechnical=true&from={from}")).Changes));
            Assert.Equal(Between(null, last), Keys((await GetAsync($"?includeTechnical=true&to={to}")).Changes));
            var both = Keys((await GetAsync($"?includeTechnical=true&from={from}&to={to}")).Changes);
            Assert.Equal(Between(first, last), both);
            Assert.True(both.Count < all.Count && both.Count > 0, name);
        }
    }

    [Fact]
    public async Task Filters_combine()
    {
        var first = RegistryArchive.Start.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var all = (await GetAsync("?includeTechnical=true")).Changes;
        var expected = Keys(all.Where(c => c!["document"]!.GetValue<string>() == "steppebank/privacy-policy-ru" && !c["technical"]!.GetValue<bool>()
            && c["topics"]!.AsArray().Any(t => t!.GetValue<string>() == "cookies") && At(c) >= DateTimeOffset.Parse(first, CultureInfo.InvariantCulture)));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Keys((await GetAsync($"?company=steppebank&sector=banking&type=privacy-policy&language=ru&topic=cookies&from={first}")).Changes));
    }

    [Fact]
    public async Task Offset_and_limit_page_the_filtered_registry_with_its_total_and_next_link()
    {
        const string filter = "company=steppebank&language=ru";
        var whole = (await GetAsync("?" + filter)).Changes;
        Assert.True(whole.Count > 100);

        var (page, response) = await GetAsync($"?{filter}&offset=40&limit=25");
        Assert.Equal(Keys(whole.Skip(40).Take(25)), Keys(page));
        Assert.Equal(whole.Count.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("X-Total-Count").Single());
        var next = LinkValue.Parse(response.Headers.GetValues("Link").Single()).Single(l => l.Is("next")).Target;
        Assert.Contains("company=steppebank", next);
        Assert.Contains("language=ru", next);
        var (following, _) = await GetAsync(next["/api/changes".Length..]);
        Assert.Equal(Keys(whole.Skip(65).Take(25)), Keys(following));

        var (tail, end) = await GetAsync($"?{filter}&offset={whole.Count - 3}&limit=25");
        Assert.Equal(3, tail.Count);
        Assert.False(end.Headers.Contains("Link"), "the last page has no next link");
    }

    [Theory]
    [InlineData("?includeTechnical=maybe", "includeTechnical=")]
    [InlineData("?limit=ten", "limit=")]
    [InlineData("?limit=10001", "limit=")]
    [InlineData("?offset=x", "offset=")]
    [InlineData("?from=03/12/2026", "e.g. 2026-05-01")]
    [InlineData("?to=2026.03.12", "e.g. 2026-05-01")]
    [InlineData("?from=31.02.2026", "from=")]
    [InlineData("?topic=weather", "not a topic of this archive")]
    public async Task A_bad_value_is_400_naming_the_parameter(string query, string reason)
    {
        var response = await registry.Http.GetAsync("/api/changes" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_company_is_404_not_an_empty_registry()
    {
        var response = await registry.Http.GetAsync("/api/changes?company=nobank");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nobank", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }
}
