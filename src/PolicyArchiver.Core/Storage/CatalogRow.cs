namespace PolicyArchiver.Storage;

/// <summary>
/// One row of one catalog table as plain values (integers, text, bytes, null), for copying an
/// archive between backends with every id, digest, ledger entry and signature as it was.
/// </summary>
internal sealed record CatalogRow(string Table, IReadOnlyDictionary<string, object?> Values)
{
    /// <summary>Every table of the catalog, in an order where each row's references come first.</summary>
    public static readonly IReadOnlyList<string> Tables =
        ["observations", "snapshots", "snapshot_parts", "versions", "changes", "generations", "warc_records", "ledger", "checkpoints", "discoveries", "noise_models"];
}
