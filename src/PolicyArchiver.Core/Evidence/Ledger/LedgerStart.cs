namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// The ledger as a command found it when it opened the archive. Entries after <see cref="Head"/>
/// are the command's own work (or, in a cluster, work of nodes running beside it); entries up to
/// it were there before, and the <see cref="Checkpointer"/> signs them only when it can vouch for them.
/// </summary>
/// <param name="Head">The sequence number of the ledger's head then; 0 for an empty ledger.</param>
internal sealed record LedgerStart(long Head)
{
    /// <summary>A ledger that was empty: everything in it is the caller's own.</summary>
    public static readonly LedgerStart Empty = new(0);

    public static async Task<LedgerStart> ReadAsync(ILedgerCatalog catalog, CancellationToken ct) =>
        new((await catalog.GetLedgerHeadAsync(ct))?.Seq ?? 0);

    /// <summary>
    /// For a node joining a cluster: its peers write beside it, and their entries since the latest
    /// checkpoint cannot be told from entries written behind their backs, so they count as the
    /// cluster's own. The chain under the latest checkpoint is still checked before anything is signed.
    /// </summary>
    public static async Task<LedgerStart> SinceLatestCheckpointAsync(ILedgerCatalog catalog, CancellationToken ct) =>
        new((await catalog.GetCheckpointsAsync(ct)).LastOrDefault()?.Seq ?? 0);
}
