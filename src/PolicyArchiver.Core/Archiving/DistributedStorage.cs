using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.Azure;
using PolicyArchiver.Storage.Postgres;

namespace PolicyArchiver.Archiving;

/// <summary>The distributed backends: PostgreSQL for the catalog, Azure Blob Storage for the evidence.</summary>
internal static class DistributedStorage
{
    public static async Task<ICatalog> CatalogAsync(StorageSettings settings, TimeProvider time, bool readOnly, CancellationToken ct)
    {
        var catalog = readOnly ? PostgresCatalog.ReadOnly(settings.CatalogConnectionString!, time) : new PostgresCatalog(settings.CatalogConnectionString!, time);
        try
        {
            // Read-only: checks that the schema exists and is current; otherwise migrates it (safe from two nodes at once).
            await catalog.InitializeAsync(ct);
            return catalog;
        }
        catch
        {
            await catalog.DisposeAsync();
            throw;
        }
    }

    /// <summary>Blobs and WARC files share one container: <c>sha256/…</c> and <c>warc/…</c>.</summary>
    public static async Task<(IBlobStore, IWarcStore)> EvidenceAsync(StorageSettings settings, CancellationToken ct)
    {
        var blobs = await AzureBlobStore.ConnectAsync(settings.BlobsConnectionString!, settings.BlobsContainer, ct);
        return (blobs, new AzureWarcStore(blobs.Container));
    }
}
