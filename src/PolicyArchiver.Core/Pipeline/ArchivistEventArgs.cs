using PolicyArchiver.Targets;

namespace PolicyArchiver.Pipeline;

// The data of each of the archivist's events (see ArchivistEvents): small records, read together.

/// <param name="At">When the capture began, by the archivist's clock: the observation's time.</param>
internal sealed record CaptureStartedArgs(Document Document, DateTimeOffset At);

internal sealed record SnapshotStoredArgs(Document Document, CapturedSnapshot Snapshot);

internal sealed record ObservationRecordedArgs(Document Document, Observation Observation);

/// <param name="Version">What was recorded: its number, text digest and the size of the change.</param>
internal sealed record VersionRecordedArgs(Document Document, Observation Observation, NewVersion Version);

/// <param name="Observations">The round's own observations, one per document, in the order the documents were given.</param>
internal sealed record RoundFinishedArgs(IReadOnlyList<Observation> Observations, TimeSpan Elapsed)
{
    /// <summary>How many observations had each outcome, in the enum's order; outcomes that did not occur are left out.</summary>
    public IReadOnlyList<(Outcome Outcome, int Count)> Counts { get; } =
        Observations.GroupBy(o => o.Outcome).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();

    public int NewVersions { get; } = Observations.Count(o => o.NewVersion);
}
