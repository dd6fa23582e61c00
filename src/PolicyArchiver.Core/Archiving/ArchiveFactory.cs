using PolicyArchiver.Storage;
using PolicyArchiver.Storage.FileSystem;
using PolicyArchiver.Storage.Sqlite;

namespace PolicyArchiver.Archiving;

/// <summary>
/// Opens an archive on the backends its settings name. The pipeline never knows which: each
/// concern has exactly two implementations behind one interface.
/// </summary>
internal static class ArchiveFactory
{
    /// <summary>Opens (and creates or upgrades, when needed) the archive for writing.</summary>
    public static async Task<Archive> OpenAsync(string directory, StorageSettings settings, TimeProvider time, CancellationToken ct = default)
    {
        if (settings == StorageSettings.Embedded) return await Archive.OpenEmbeddedAsync(directory, time, ct);
        Directory.CreateDirectory(directory);
        var catalog = await CatalogAsync(directory, settings, time, readOnly: false, ct);
        try
        {
            var (blobs, warcs) = await EvidenceAsync(directory, settings, ct);
            return new Archive(directory, blobs, catalog, warcs, time);
        }
        catch
        {
            (catalog as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>An existing archive opened for reading only: no schema upgrade, no key, nothing written (verify, serve).</summary>
    public static async Task<Archive> OpenReadOnlyAsync(string directory, StorageSettings settings, TimeProvider time, CancellationToken ct = default)
    {
        if (settings == StorageSettings.Embedded) return Archive.OpenEmbeddedReadOnly(directory, time);
        var catalog = await CatalogAsync(directory, settings, time, readOnly: true, ct);
        var (blobs, warcs) = await EvidenceAsync(directory, settings, ct);
        return new Archive(directory, blobs, catalog, warcs, time);
    }

    private static async Task<ICatalog> CatalogAsync(string directory, StorageSettings settings, TimeProvider time, bool readOnly, CancellationToken ct)
    {
        if (settings.CatalogProvider == StorageSettings.Sqlite)
        {
            var path = Path.Combine(directory, "catalog.db");
            if (readOnly)
            {
                if (!File.Exists(path)) throw new FileNotFoundException($"no archive at {Path.GetFullPath(directory)} (catalog.db is missing)", path);
                return SqliteCatalog.ReadOnly(path, time);
            }
            var sqlite = new SqliteCatalog(path, time);
            await sqlite.InitializeAsync(ct);
            return sqlite;
        }
        return await DistributedStorage.CatalogAsync(settings, time, readOnly, ct);
    }

    private static async Task<(IBlobStore, Evidence.Warc.IWarcStore)> EvidenceAsync(string directory, StorageSettings settings, CancellationToken ct)
    {
        if (settings.BlobsProvider == StorageSettings.FileSystem)
        {
            Directory.CreateDirectory(directory);
            return (new FileSystemBlobStore(Path.Combine(directory, "blobs")), new FileSystemWarcStore(directory));
        }
        return await DistributedStorage.EvidenceAsync(settings, ct);
    }
}
