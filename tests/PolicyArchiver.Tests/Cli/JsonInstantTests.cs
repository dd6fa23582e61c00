using System.Text.Json.Nodes;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Cli;

/// <summary>Every instant a <c>--json</c> output holds is RFC 3339 in UTC to the millisecond at most, as everywhere else.</summary>
[Collection(WebArchiveFixture.Collection)]
public class JsonInstantTests(WebArchiveFixture web)
{
    private const string Privacy = "testbank/privacy-policy-ru";

    private async Task<JsonNode> JsonAsync(params string[] args)
    {
        var result = await Support.Cli.RunAsync(web.Temp, [.. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonNode.Parse(result.Out)!;
    }

    [Theory]
    [InlineData("history", Privacy)]
    [InlineData("observations", Privacy)]
    [InlineData("changes")]
    [InlineData("status")]
    public async Task Json_outputs_write_instants_to_the_millisecond_at_most(params string[] command)
    {
        var instants = ShownInstants.AssertAllShown(await JsonAsync(command));

        Assert.NotEmpty(instants);
        // The fixture's captures happen at clock time: their fractions show, to the millisecond.
        Assert.Contains(instants, i => i.Contains('.'));
    }

    [Fact]
    public async Task An_instant_in_the_json_is_the_catalogs_truncated_to_the_millisecond()
    {
        var versions = await web.Temp.Archive.Catalog.GetVersionsAsync(Privacy);
        var observations = await web.Temp.Archive.Catalog.GetObservationsAsync(Privacy);

        Assert.Equal(versions.Select(v => Instant.Format(v.CapturedAt)), (await JsonAsync("history", Privacy)).AsArray().Select(v => v!["capturedAt"]!.GetValue<string>()));
        Assert.Equal(observations.Select(o => Instant.Format(o.At)), (await JsonAsync("observations", Privacy)).AsArray().Select(o => o!["at"]!.GetValue<string>()));
    }
}
