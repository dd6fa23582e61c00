namespace PolicyArchiver.Model;

/// <summary>A version of a document's history derived again from its observations: what <c>RebuildVersionsAsync</c> records.</summary>
public sealed record DerivedVersion(NewVersion Version, DateTimeOffset At, long ObservationId, string SnapshotSha256);
