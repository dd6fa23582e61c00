using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PolicyArchiver.Pipeline;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Archiving;

/// <summary>The archivist's metrics are a subscriber to its events: what an operator's dashboard counts.</summary>
public class ArchivistMetricsTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_round_counts_observations_by_outcome_new_versions_and_bytes()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var archivist = temp.Archivist(chromium.Browser);
        var metrics = new ArchivistMetrics(archivist.Events);
        var measured = new ConcurrentQueue<(string Instrument, double Value, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Enqueue((i.Name, v, OutcomeOf(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Enqueue((i.Name, v, OutcomeOf(tags))));
        listener.Start();
        // A policy, a page gone (404) and a page behind a bot challenge (403).
        var documents = new[] { "privacy-policy-ru", "cookie-policy-ru", "transparency-report-en" }.Select(temp.Document).ToList();

        var observations = await archivist.CaptureRoundAsync(documents, CancellationToken.None);

        var counted = measured.Where(m => m.Instrument == "policyarchiver.observations").GroupBy(m => m.Outcome!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(observations.GroupBy(o => o.Outcome.ToWire()).ToDictionary(g => g.Key, g => (double)g.Count()), counted);
        Assert.Equal(["blocked", "not-found", "ok"], counted.Keys.Order());
        Assert.Equal(1, measured.Where(m => m.Instrument == "policyarchiver.versions").Sum(m => m.Value));
        var snapshot = await temp.Archive.Catalog.GetSnapshotAsync(observations[0].Id);
        Assert.Equal(snapshot!.BodySize, measured.Where(m => m.Instrument == "policyarchiver.snapshot.bytes").Sum(m => m.Value));
        Assert.Equal(observations.Select(o => (double)o.DurationMs).Order(), measured.Where(m => m.Instrument == "policyarchiver.capture.duration").Select(m => m.Value).Order());
        Assert.Single(measured, m => m.Instrument == "policyarchiver.round.duration");
    }

    private static string? OutcomeOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key == "outcome") return tag.Value as string;
        return null;
    }
}
