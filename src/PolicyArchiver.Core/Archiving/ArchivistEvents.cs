using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Archiving;

/// <summary>
/// What the archivist reports as it works. Progress display and logging subscribe here instead of
/// being called from inside the pipeline.
/// </summary>
public sealed class ArchivistEvents
{
    public event Action<Document>? CaptureStarted;
    public event Action<Document, Observation>? ObservationRecorded;

    internal void OnCaptureStarted(Document d) => CaptureStarted?.Invoke(d);
    internal void OnObservationRecorded(Document d, Observation o) => ObservationRecorded?.Invoke(d, o);
}
