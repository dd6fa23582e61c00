using System.Diagnostics.Metrics;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// The archivist's figures as .NET metrics (meter <c>PolicyArchiver</c>), read by
/// <c>dotnet-counters monitor --counters PolicyArchiver</c> or any OpenTelemetry exporter an
/// operator adds: a subscriber to the events, so the pipeline itself counts nothing.
/// </summary>
internal sealed class ArchivistMetrics
{
    public const string MeterName = "PolicyArchiver";

    public ArchivistMetrics(ArchivistEvents events)
    {
        var observations = Meter.CreateCounter<long>("policyarchiver.observations", "{observation}", "Captures recorded, by outcome");
        var versions = Meter.CreateCounter<long>("policyarchiver.versions", "{version}", "New versions recorded");
        var snapshotBytes = Meter.CreateCounter<long>("policyarchiver.snapshot.bytes", "By", "Bytes of the bodies served to ok captures");
        var captureDuration = Meter.CreateHistogram<double>("policyarchiver.capture.duration", "ms", "How long a capture took, retries included");
        var roundDuration = Meter.CreateHistogram<double>("policyarchiver.round.duration", "s", "How long a round took");
        events.ObservationRecorded += e =>
        {
            var outcome = new KeyValuePair<string, object?>("outcome", e.Observation.Outcome.ToWire());
            observations.Add(1, outcome);
            captureDuration.Record(e.Observation.DurationMs, outcome);
        };
        events.SnapshotStored += e => snapshotBytes.Add(e.Snapshot.BodySize);
        events.VersionRecorded += _ => versions.Add(1);
        events.RoundFinished += e => roundDuration.Record(e.Elapsed.TotalSeconds);
    }

    /// <summary>One meter per archivist: a listener can tell one archivist's figures from another's in the same process.</summary>
    public Meter Meter { get; } = new(MeterName);
}
