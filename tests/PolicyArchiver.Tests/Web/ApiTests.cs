using System.Net;
using System.Text.Json.Nodes;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>The JSON API mirrors the CLI: the same queries give the same JSON.</summary>
[Collection(WebArchiveFixture.Collection)]
public class ApiTests(WebArchiveFixture web)
{
    private async Task<JsonNode> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await web.Http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<JsonNode> CliJsonAsync(params string[] args)
    {
        var result = await Support.Cli.RunAsync(web.Temp, [.. args, "--json"]);
        Assert.Equal(0, result.ExitCode);
        return JsonNode.Parse(result.Out)!;
    }

    [Theory]
    [InlineData("testbank/privacy-policy-ru")]
    [InlineData("testbank/personal-data-policy-kk")]
    [InlineData("testbank/cookie-policy-ru")]
    public async Task Versions_observations_and_changes_equal_the_cli_json(string document)
    {
        var path = $"/api/documents/{document}";
        Assert.True(JsonNode.DeepEquals(await CliJsonAsync("history", document), await GetJsonAsync(path + "/versions")));
        Assert.True(JsonNode.DeepEquals(await CliJsonAsync("observations", document), await GetJsonAsync(path + "/observations")));
        Assert.True(JsonNode.DeepEquals(await CliJsonAsync("changes", document), await GetJsonAsync(path + "/changes")));
    }

    [Fact]
    public async Task The_change_registry_equals_the_cli_json()
    {
        Assert.True(JsonNode.DeepEquals(await CliJsonAsync("changes"), await GetJsonAsync("/api/changes")));
        var changes = (await GetJsonAsync("/api/changes?company=testbank")).AsArray();
        var changed = new List<string>();
        foreach (var d in web.Temp.Targets.Documents)
            changed.AddRange((await web.Temp.Archive.Catalog.GetChangesAsync(d.Key)).Select(c => c.Document));
        Assert.Superset(WebArchiveFixture.Changed.ToHashSet(), changed.ToHashSet());
        Assert.Equal(changed.Order(), changes.Select(c => c!["document"]!.GetValue<string>()).Order());
        Assert.Empty((await GetJsonAsync("/api/changes?to=2001-01-01")).AsArray());
    }

    [Fact]
    public async Task Companies_and_documents_come_from_the_targets_with_their_availability()
    {
        var companies = (await GetJsonAsync("/api/companies")).AsArray();
        var company = Assert.Single(companies)!;
        Assert.Equal("testbank", company["id"]!.GetValue<string>());
        Assert.Equal("banking", company["sector"]!.GetValue<string>());
        Assert.Equal(web.Temp.Targets.Documents.Select(d => d.Key), company["documents"]!.AsArray().Select(d => d!.GetValue<string>()));

        var documents = (await GetJsonAsync("/api/documents?company=testbank")).AsArray();
        Assert.Equal(web.Temp.Targets.Documents.Count(), documents.Count);
        var gone = documents.Single(d => d!["key"]!.GetValue<string>() == "testbank/cookie-policy-ru")!;
        Assert.Equal(("not-found", 0, "cookie-policy", "ru"), (gone["lastOutcome"]!.GetValue<string>(), gone["versions"]!.GetValue<int>(), gone["type"]!.GetValue<string>(), gone["language"]!.GetValue<string>()));
        var privacy = await GetJsonAsync("/api/documents/testbank/privacy-policy-ru");
        Assert.Equal(2, privacy["versions"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/documents/testbank/privacy-policy-ru/versions")]
    [InlineData("/api/documents/testbank/privacy-policy-ru/observations")]
    [InlineData("/api/documents/testbank/privacy-policy-ru/versions/1")]
    [InlineData("/api/documents?company=testbank")]
    [InlineData("/api/changes")]
    public async Task Instants_are_rfc3339_utc_to_the_millisecond_at_most(string path)
    {
        var instants = ShownInstants.AssertAllShown(await GetJsonAsync(path));

        Assert.NotEmpty(instants);
        Assert.Contains(instants, i => i.Contains('.')); // the fixture's captures happen at clock time
    }

    [Fact]
    public async Task A_captured_at_copied_from_the_json_finds_that_version_and_its_change()
    {
        var versions = (await GetJsonAsync("/api/documents/testbank/privacy-policy-ru/versions")).AsArray();
        var shown = versions[1]!["capturedAt"]!.GetValue<string>();

        var inForce = await GetJsonAsync($"/api/documents/testbank/privacy-policy-ru/in-force?at={Uri.EscapeDataString(shown)}");
        Assert.Equal(2, inForce["version"]!["version"]!.GetValue<int>());
        var upTo = (await GetJsonAsync($"/api/changes?company=testbank&from={Uri.EscapeDataString(shown)}&to={Uri.EscapeDataString(shown)}")).AsArray();
        Assert.Contains(upTo, c => c!["document"]!.GetValue<string>() == "testbank/privacy-policy-ru" && c["at"]!.GetValue<string>() == shown);
    }

    [Fact]
    public async Task Version_in_force_at_an_instant_equals_show_at()
    {
        var versions = await web.Temp.Archive.Catalog.GetVersionsAsync("testbank/privacy-policy-ru");
        var at = versions[1].CapturedAt.AddTicks(-1).UtcDateTime.ToString("O");
        var inForce = await GetJsonAsync($"/api/documents/testbank/privacy-policy-ru/in-force?at={Uri.EscapeDataString(at)}");
        Assert.Equal(1, inForce["version"]!["version"]!.GetValue<int>());
        var shown = await Support.Cli.RunAsync(web.Temp, "show", "testbank/privacy-policy-ru", "--at", at);
        Assert.Equal(shown.Out.TrimEnd('\n'), inForce["text"]!.GetValue<string>().TrimEnd('\n'));
        Assert.Equal(Instant.Format(versions[1].CapturedAt), inForce["until"]!.GetValue<string>());

        var byNumber = await GetJsonAsync("/api/documents/testbank/privacy-policy-ru/versions/2");
        Assert.Equal(await web.Temp.Archive.ReadTextAsync(versions[1]), byNumber["text"]!.GetValue<string>());
        Assert.Null(byNumber["until"]);
    }

    [Theory]
    [InlineData("/api/companies/nobody")]
    [InlineData("/api/documents/testbank/nothing/versions")]
    [InlineData("/api/documents?company=nobody")]
    [InlineData("/api/documents/testbank/privacy-policy-ru/versions/9")]
    [InlineData("/api/documents/testbank/privacy-policy-ru/in-force?at=1999-01-01")]
    [InlineData("/api/nothing/here")]
    public async Task Unknown_things_give_404_with_a_reason(string path) =>
        Assert.False(string.IsNullOrEmpty((await GetJsonAsync(path, HttpStatusCode.NotFound))["error"]?.GetValue<string>()));

    [Theory]
    [InlineData("/api/documents/testbank/privacy-policy-ru/in-force?at=soon")]
    [InlineData("/api/documents/testbank/privacy-policy-ru/in-force")]
    [InlineData("/api/changes?from=last-week")]
    public async Task Bad_dates_give_400_with_the_reason(string path) =>
        Assert.Contains("not an ISO 8601", (await GetJsonAsync(path, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
}
