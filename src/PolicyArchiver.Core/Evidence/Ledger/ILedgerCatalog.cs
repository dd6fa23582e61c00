using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// The ledger as the catalog keeps it: its entries, its checkpoints and key rotations, and the
/// rows an observation's entry covers (the observation as recorded, its WARC records). Owned here,
/// not by Storage, so the checkpointer depends on the role and Storage on Evidence.Ledger, never back.
/// </summary>
internal interface ILedgerCatalog : IWarcIndex
{
    /// <summary>
    /// An observation exactly as it was recorded, which is what its ledger entry covers: its version
    /// fields are those of the generation in force then (none for an imported capture), for verification.
    /// </summary>
    Task<Observation?> GetRecordedObservationAsync(long id, CancellationToken ct = default);

    Task<LedgerEntry?> GetLedgerHeadAsync(CancellationToken ct = default);
    Task<LedgerEntry?> GetLedgerEntryAsync(string subject, CancellationToken ct = default);

    /// <summary>Ledger entries with <paramref name="fromSeq"/> ≤ seq ≤ <paramref name="toSeq"/>, in order.</summary>
    Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(long fromSeq, long toSeq, CancellationToken ct = default);

    /// <summary>Row counts of what the ledger covers, to detect rows added behind its back.</summary>
    Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken ct = default);

    Task AddCheckpointAsync(Checkpoint checkpoint, CancellationToken ct = default);

    /// <summary>
    /// Appends a key rotation to the ledger. The entry is its own record: it holds both public keys
    /// and the old key's signature, so no other row backs it.
    /// </summary>
    Task<LedgerEntry> RecordKeyRotationAsync(KeyRotation rotation, CancellationToken ct = default);
    Task<IReadOnlyList<Checkpoint>> GetCheckpointsAsync(CancellationToken ct = default);
}
