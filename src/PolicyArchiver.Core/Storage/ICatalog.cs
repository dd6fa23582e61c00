using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Storage;

/// <summary>
/// The index of everything archived: observations, snapshots, versions and changes, the WARC
/// index, the ledger, discoveries and noise models. The catalog is derived metadata over the blob
/// store's evidence. Callers depend on the role they use; this aggregate is what an archive holds.
/// </summary>
internal interface ICatalog : IObservationCatalog, IVersionCatalog, IWarcIndex, ILedgerCatalog, IDiscoveryCatalog, INoiseModelCatalog, ICatalogCopy
{
    /// <summary>Creates or upgrades the schema (a read-only catalog checks it instead).</summary>
    Task InitializeAsync(CancellationToken ct = default);
}
