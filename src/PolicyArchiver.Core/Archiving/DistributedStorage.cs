using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Archiving;

/// <summary>The distributed backends: PostgreSQL for the catalog, Azure Blob Storage for the evidence.</summary>
internal static class DistributedStorage
{
    public static Task<ICatalog> CatalogAsync(StorageSettings settings, bool readOnly, CancellationToken ct) =>
        throw new NotSupportedException("PostgreSQL catalog: not built yet");

    public static Task<(IBlobStore, IWarcStore)> EvidenceAsync(StorageSettings settings, CancellationToken ct) =>
        throw new NotSupportedException("Azure Blob Storage: not built yet");
}
