using PolicyArchiver.Storage;

namespace PolicyArchiver.Web.Memento;

/// <summary>
/// One memento of an original URL: an ok capture with its snapshot. <see cref="Datetime"/> is the
/// capture's instant to the second, the resolution of Memento-Datetime and of memento addresses.
/// </summary>
internal sealed record MementoCapture(DateTimeOffset Datetime, Observation Observation, Snapshot Snapshot);
