using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.FileSystem;
using PolicyArchiver.Storage.Sqlite;

namespace PolicyArchiver.Archiving;

/// <summary>
/// An archive: the blob store holding evidence, the WARC files, the catalog indexing them, and
/// the key that signs the ledger.
/// </summary>
internal sealed class Archive : IDisposable
{
    private readonly Lazy<ArchiveKey> _key;

    public Archive(string directory, IBlobStore blobs, ICatalog catalog, TimeProvider time)
        : this(directory, blobs, catalog, new FileSystemWarcStore(directory), time)
    {
    }

    /// <param name="directory">Where the signing key lives (<c>keys/</c>), and, in the embedded archive, everything else too.</param>
    public Archive(string directory, IBlobStore blobs, ICatalog catalog, IWarcStore warcStore, TimeProvider time)
    {
        Directory = directory;
        Blobs = blobs;
        Catalog = catalog;
        WarcStore = warcStore;
        Warc = new WarcWriter(warcStore, time);
        Time = time;
        _key = new Lazy<ArchiveKey>(() => ArchiveKey.LoadOrCreate(KeysDirectory));
    }

    public string Directory { get; }
    public IBlobStore Blobs { get; }
    public ICatalog Catalog { get; }
    public WarcWriter Warc { get; }
    public IWarcStore WarcStore { get; }

    /// <summary>The clock the archive was opened with: whatever works on it (the web site, evidence bundles) reads time from here.</summary>
    public TimeProvider Time { get; }

    /// <summary>The signing key, created at first use.</summary>
    public ArchiveKey Key => _key.Value;

    public string KeysDirectory => Path.Combine(Directory, "keys");
    public string PublicKeyPath => Path.Combine(KeysDirectory, ArchiveKey.PublicKeyFile);

    /// <summary>The embedded archive in a directory: <c>blobs/</c>, <c>warc/</c>, <c>keys/</c> and <c>catalog.db</c>, created on first use.</summary>
    public static async Task<Archive> OpenEmbeddedAsync(string directory, TimeProvider time, CancellationToken ct = default)
    {
        System.IO.Directory.CreateDirectory(directory);
        var catalog = new SqliteCatalog(Path.Combine(directory, "catalog.db"), time);
        await catalog.InitializeAsync(ct);
        return new Archive(directory, new FileSystemBlobStore(Path.Combine(directory, "blobs")), catalog, time);
    }

    /// <summary>
    /// An existing embedded archive opened for reading only: no schema upgrade, no key creation,
    /// nothing written. What <c>verify</c> uses.
    /// </summary>
    public static Archive OpenEmbeddedReadOnly(string directory, TimeProvider time)
    {
        var catalogPath = Path.Combine(directory, "catalog.db");
        if (!File.Exists(catalogPath)) throw new FileNotFoundException($"no archive at {Path.GetFullPath(directory)} (catalog.db is missing)", catalogPath);
        return new Archive(directory, new FileSystemBlobStore(Path.Combine(directory, "blobs")), SqliteCatalog.ReadOnly(catalogPath, time), time);
    }

    /// <summary>The local path of a WARC file named in the catalog, for tools that read files (embedded archives only).</summary>
    public string WarcPath(string relativeFile) =>
        (WarcStore as FileSystemWarcStore)?.PathOf(relativeFile) ?? throw new InvalidOperationException($"{relativeFile} is not a local file: this archive keeps its WARC files in {WarcStore.Locate(relativeFile)}");

    /// <summary>The text of a version, read from its blob.</summary>
    public async Task<string> ReadTextAsync(DocumentVersion version, CancellationToken ct = default) =>
        System.Text.Encoding.UTF8.GetString(await Blobs.GetAsync(version.TextSha256, ct));

    public void Dispose()
    {
        Warc.Dispose();
        (Catalog as IDisposable)?.Dispose();
        if (_key.IsValueCreated) _key.Value.Dispose();
    }
}
