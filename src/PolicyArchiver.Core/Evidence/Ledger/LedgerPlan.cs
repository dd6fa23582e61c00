using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>One entry a record gets in the ledger, before it is linked to the chain.</summary>
internal readonly record struct PlannedEntry(string Kind, string Subject, string Body);

/// <summary>
/// Which ledger entries each kind of record gets, and in what order: the one place that decides
/// it, so every catalog backend appends exactly the same chain (and an archive verifies the same
/// whichever backend wrote it). The order is part of the evidence: changing it breaks old ledgers.
/// </summary>
internal static class LedgerPlan
{
    /// <summary>A capture: its observation (with the WARC records it wrote), then its snapshot, then its new version.</summary>
    public static IEnumerable<PlannedEntry> Capture(Observation observation, IReadOnlyList<WarcRecordLocation> warc, Snapshot? snapshot, DocumentVersion? version)
    {
        yield return new("observation", LedgerBodies.ObservationSubject(observation.Id), LedgerBodies.Observation(observation, warc));
        if (snapshot is not null) yield return new("snapshot", LedgerBodies.SnapshotSubject(snapshot.ObservationId), LedgerBodies.Snapshot(snapshot));
        if (version is not null) yield return Version(version);
    }

    /// <summary>A version (technical, or one of a rebuilt history): named by document, number and generation.</summary>
    public static PlannedEntry Version(DocumentVersion v) =>
        new("version", LedgerBodies.VersionSubject(v.Document, v.Number, v.Generation), LedgerBodies.Version(v));

    /// <summary>A history derived again: the rebuild first (the new generation and why), then each of its versions in order.</summary>
    public static IEnumerable<PlannedEntry> Rebuild(string document, int generation, string reason, IEnumerable<DocumentVersion> versions) =>
        versions.Select(Version).Prepend(new("rebuild", LedgerBodies.RebuildSubject(document, generation), LedgerBodies.Rebuild(document, generation, reason)));

    public static PlannedEntry Discovery(DiscoveryRecord d) => new("discovery", LedgerBodies.DiscoverySubject(d.Id), LedgerBodies.Discovery(d));

    /// <summary>A key rotation is its own record: no row backs it, its entry holds both keys and the old key's signature.</summary>
    public static PlannedEntry KeyRotation(KeyRotation rotation) => new(Ledger.KeyRotation.Kind, rotation.Subject, rotation.Body());

    /// <summary>
    /// The tables whose rows each have an entry, by entry kind: counted to detect rows added behind
    /// the ledger's back. Table names are constants here, never values from outside.
    /// </summary>
    public static readonly IReadOnlyList<(string Kind, string Table)> CoveredTables =
        [("observation", "observations"), ("snapshot", "snapshots"), ("version", "versions"), ("discovery", "discoveries")];
}
