using System.Text.Json;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Storage;

public class OutcomeTests
{
    [Theory]
    [InlineData(200, true, Outcome.Ok)]
    [InlineData(204, false, Outcome.Ok)]
    // A browser that ends on a 3xx shows that page; an archive's 3xx record is only the redirect.
    [InlineData(302, true, Outcome.Ok)]
    [InlineData(301, false, Outcome.HttpError)]
    [InlineData(304, false, Outcome.HttpError)]
    [InlineData(404, true, Outcome.NotFound)]
    [InlineData(410, false, Outcome.NotFound)]
    [InlineData(403, true, Outcome.HttpError)]
    [InlineData(503, false, Outcome.HttpError)]
    public void An_http_status_makes_one_outcome_for_live_captures_and_imports(int status, bool displayed, Outcome outcome) =>
        Assert.Equal(outcome, Outcomes.OfHttpStatus(status, displayed));

    [Theory]
    [InlineData(Outcome.Ok, "ok")]
    [InlineData(Outcome.NotFound, "not-found")]
    [InlineData(Outcome.HttpError, "http-error")]
    [InlineData(Outcome.NetworkError, "network-error")]
    [InlineData(Outcome.Timeout, "timeout")]
    [InlineData(Outcome.Blocked, "blocked")]
    public void Every_outcome_has_the_wire_name_archives_already_hold_and_reads_back_from_it(Outcome outcome, string wire)
    {
        Assert.Equal(wire, outcome.ToWire());
        Assert.Equal(outcome, Outcomes.Parse(wire));
        Assert.True(Outcomes.TryParse(wire, out var parsed));
        Assert.Equal(outcome, parsed);
        // JSON writes and reads the same names as the databases, CSV and pages.
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(outcome));
        Assert.Equal(outcome, JsonSerializer.Deserialize<Outcome>($"\"{wire}\""));
    }

    [Fact]
    public void Every_outcome_is_covered_by_the_wire_names() =>
        Assert.Equal(Enum.GetValues<Outcome>().Length, Enum.GetValues<Outcome>().Select(o => o.ToWire()).Distinct().Count());

    [Fact]
    public void An_unknown_outcome_is_refused_with_its_value_named()
    {
        var e = Assert.Throws<FormatException>(() => Outcomes.Parse("Ok"));
        Assert.Contains("'Ok'", e.Message);
        Assert.Contains("not-found", e.Message);
        Assert.False(Outcomes.TryParse("unreachable", out _));
        Assert.False(Outcomes.TryParse(null, out _));
    }
}
