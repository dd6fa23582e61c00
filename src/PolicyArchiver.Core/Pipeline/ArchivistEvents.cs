using PolicyArchiver.Targets;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// What the archivist reports as it works. Progress display, logs, webhooks and round summaries
/// subscribe here instead of being called from inside the pipeline. Handlers run on the capturing
/// thread (captures of different hosts run in parallel): keep them short and thread-safe, and
/// hand slow work (a webhook delivery) to a queue of their own. A handler that throws fails the
/// capture that raised it, as any other step would.
/// </summary>
internal sealed class ArchivistEvents
{
    /// <summary>A document's capture begins (before politeness lets it through).</summary>
    public event Action<CaptureStartedArgs>? CaptureStarted;

    /// <summary>A snapshot's bytes are in the blob store; its observation is about to be recorded.</summary>
    public event Action<SnapshotStoredArgs>? SnapshotStored;

    /// <summary>An observation is recorded with its evidence, whatever its outcome. Raised once per capture, for the capture's own observation.</summary>
    public event Action<ObservationRecordedArgs>? ObservationRecorded;

    /// <summary>An observation started a new version of its document.</summary>
    public event Action<VersionRecordedArgs>? VersionRecorded;

    /// <summary>A capture ended on a wall (a challenge, a login, a page without the policy): nothing of the document was archived.</summary>
    public event Action<ObservationRecordedArgs>? CaptureBlocked;

    /// <summary>A round over several documents is recorded in full.</summary>
    public event Action<RoundFinishedArgs>? RoundFinished;

    internal void OnCaptureStarted(Document document, DateTimeOffset at) => CaptureStarted?.Invoke(new CaptureStartedArgs(document, at));

    internal void OnSnapshotStored(Document document, CapturedSnapshot snapshot) => SnapshotStored?.Invoke(new SnapshotStoredArgs(document, snapshot));

    internal void OnObservationRecorded(Document document, Observation observation)
    {
        var recorded = new ObservationRecordedArgs(document, observation);
        ObservationRecorded?.Invoke(recorded);
        if (observation.Outcome == Outcome.Blocked) CaptureBlocked?.Invoke(recorded);
    }

    internal void OnVersionRecorded(Document document, Observation observation, NewVersion version) =>
        VersionRecorded?.Invoke(new VersionRecordedArgs(document, observation, version));

    internal void OnRoundFinished(IReadOnlyList<Observation> observations, TimeSpan elapsed) => RoundFinished?.Invoke(new RoundFinishedArgs(observations, elapsed));
}
