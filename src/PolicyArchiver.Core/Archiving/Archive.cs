using PolicyArchiver.Storage;

namespace PolicyArchiver.Archiving;

/// <summary>An archive: the blob store holding evidence and the catalog indexing it.</summary>
public sealed class Archive(IBlobStore blobs, ICatalog catalog)
{
    public IBlobStore Blobs { get; } = blobs;
    public ICatalog Catalog { get; } = catalog;

    /// <summary>The embedded archive in a directory: <c>blobs/</c> and <c>catalog.db</c>, created on first use.</summary>
    public static async Task<Archive> OpenEmbeddedAsync(string directory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var catalog = new SqliteCatalog(Path.Combine(directory, "catalog.db"));
        await catalog.InitializeAsync(ct);
        return new Archive(new FileSystemBlobStore(Path.Combine(directory, "blobs")), catalog);
    }

    /// <summary>The text of a version, read from its blob.</summary>
    public async Task<string> ReadTextAsync(DocumentVersion version, CancellationToken ct = default) =>
        System.Text.Encoding.UTF8.GetString(await Blobs.GetAsync(version.TextSha256, ct));
}
