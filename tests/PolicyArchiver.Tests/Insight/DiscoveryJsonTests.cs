using System.Text.Json.Nodes;
using PolicyArchiver.Insight.Discovery;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Insight;

/// <summary>How a discovery report is kept in the catalog: its instant as everywhere else, older reports still read.</summary>
public class DiscoveryJsonTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    [Fact]
    public void A_report_is_kept_with_its_instant_to_the_millisecond_in_utc()
    {
        var report = new DiscoveryReport("discobank", At.ToOffset(TimeSpan.FromHours(5)), "ok", null, [], [], []);

        var json = JsonNode.Parse(DiscoveryJson.Serialize(report))!;

        Assert.Equal("2026-05-01T06:00:00.123Z", json["at"]!.GetValue<string>());
        Assert.Single(ShownInstants.AssertAllShown(json));
    }

    [Fact]
    public void A_report_kept_before_with_seven_decimals_and_an_offset_is_still_read()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "discovery", "report-seven-decimals.json"));

        var report = DiscoveryJson.Read(new DiscoveryRecord(1, "discobank", At, "ok", json));

        Assert.Equal(At, report.At);
        Assert.Equal((true, 1), (report.Documents.Single().Linked, report.Documents.Single().Depth));
    }
}
