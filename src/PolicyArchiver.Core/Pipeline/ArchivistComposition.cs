using PolicyArchiver.Capture;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Versioning;
using PolicyArchiver.Archiving;

namespace PolicyArchiver.Pipeline;

/// <summary>
/// The one place where an <see cref="Archivist"/> is put together: its collaborators built once and
/// shared where they must be (one politeness gate and one set of host breakers for all captures,
/// one event source for the pipeline and its recorder). The CLI commands and the tests call this.
/// </summary>
internal static class ArchivistComposition
{
    public static Archivist Create(Archive archive, Capturer capturer, CaptureOptions options, TimeProvider time)
    {
        var events = new ArchivistEvents();
        _ = new ArchivistMetrics(events);
        var hosts = new HostResilience(capturer, options, time);
        var renderSkip = new RenderSkip(archive);
        var recorder = new CaptureRecorder(archive, new SnapshotStore(archive.Blobs, archive.Catalog), new WarcEvidence(archive), new Reextractor(archive, time), events, time);
        return new Archivist(capturer, options, time, new Politeness(options.Concurrency, options.HostDelay, time), hosts, new DocumentPages(capturer, hosts),
            renderSkip, new CaptureReader(renderSkip), new NoiseStore(archive.Blobs, archive.Catalog, archive.Catalog), recorder, events);
    }
}
