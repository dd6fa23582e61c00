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
    public void An_http_status_makes_one_outcome_for_live_captures_and_imports(int status, bool displayed, string outcome) =>
        Assert.Equal(outcome, Outcome.OfHttpStatus(status, displayed));
}
