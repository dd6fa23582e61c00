namespace PolicyArchiver.Storage.FileSystem;

/// <summary>
/// The embedded blob store: files under <c>archive/blobs/sha256/ab/abcd…</c>, and the bodies kept as
/// deltas under <c>archive/blobs/zstd-delta/ab/abcd…</c> (named by the digest of the whole body).
/// </summary>
internal sealed class FileSystemBlobStore(string root) : IBlobStore
{
    public string Root { get; } = root;

    /// <summary>Writes under way, by path: the same bytes stored twice at once (an import's many equal texts) are written once.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> _writing = new();

    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var sha = Hashing.Sha256Hex(bytes.Span);
        var path = PathOf(sha);
        if (File.Exists(path) || File.Exists(PathOf(sha, BlobDelta.Space))) return sha;
        await WriteOnceAsync(path, bytes, ct);
        return sha;
    }

    public async Task PutDeltaAsync(string sha256, ReadOnlyMemory<byte> delta, CancellationToken ct = default)
    {
        var path = PathOf(sha256, BlobDelta.Space);
        if (!File.Exists(path)) await WriteOnceAsync(path, delta, ct);
    }

    private async Task WriteOnceAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var write = _writing.GetOrAdd(path, _ => new Lazy<Task>(() => Task.Run(() => Write(path, bytes.Span), CancellationToken.None)));
        try
        {
            await write.Value.WaitAsync(ct);
        }
        finally
        {
            _writing.TryRemove(new KeyValuePair<string, Lazy<Task>>(path, write));
        }
    }

    private static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write aside and move into place so that a crash never leaves a truncated blob under a
        // digest name, and so that two writers of the same bytes cannot corrupt each other.
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            f.Write(bytes);
            f.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp); // the same bytes landed first
        }
    }

    public async Task<byte[]> GetAsync(string sha256, CancellationToken ct = default)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            if (await GetDeltaAsync(sha256, ct) is { } delta) return await BlobDelta.ReconstructAsync(delta, sha256, PathOf(sha256, BlobDelta.Space), GetAsync, ct);
            throw new FileNotFoundException($"blob {sha256} is missing from {Root}", path);
        }
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var actual = Hashing.Sha256Hex(bytes);
        if (actual != sha256) throw new InvalidDataException($"blob {path} is corrupt: its SHA-256 is {actual}");
        return bytes;
    }

    public async Task<byte[]?> GetDeltaAsync(string sha256, CancellationToken ct = default)
    {
        var path = PathOf(sha256, BlobDelta.Space);
        try
        {
            return await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) =>
        Task.FromResult(File.Exists(PathOf(sha256)) || File.Exists(PathOf(sha256, BlobDelta.Space)));

    /// <summary>
    /// Reads the directory's first entry, so that a volume unmounted or made unreadable fails here.
    /// An archive that has stored nothing yet has no <c>blobs/</c>: its parent, the archive, must exist.
    /// </summary>
    public Task ProbeAsync(CancellationToken ct = default)
    {
        if (Directory.Exists(Root))
        {
            using var entries = Directory.EnumerateFileSystemEntries(Root).GetEnumerator();
            entries.MoveNext();
        }
        else if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(Root))))
            throw new DirectoryNotFoundException($"the blob directory {Root} and the archive around it are missing");
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListAsync(string space = IBlobStore.Whole, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var root = Path.Combine(Root, SpaceDirectory(space));
        if (!Directory.Exists(root)) yield break;
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            // A leftover is named after the digest it was meant for, in that digest's folder.
            yield return Path.GetFileName(path);
        }
        await Task.CompletedTask;
    }

    public Task<Stream> OpenReadAsync(string name, string space = IBlobStore.Whole, CancellationToken ct = default) =>
        Task.FromResult<Stream>(File.OpenRead(Path.Combine(Root, SpaceDirectory(space), name[..2], Path.GetFileName(name))));

    public string Locate(string name, string space = IBlobStore.Whole) => $"blobs/{SpaceDirectory(space)}/{name[..2]}/{name}";

    private string PathOf(string sha256, string space = IBlobStore.Whole)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new ArgumentException($"not a SHA-256 hex digest: \"{sha256}\"", nameof(sha256));
        return Path.Combine(Root, SpaceDirectory(space), sha256[..2], sha256);
    }

    private static string SpaceDirectory(string space) => space is IBlobStore.Whole or BlobDelta.Space
        ? space
        : throw new ArgumentException($"not a name space of the blob store: \"{space}\"", nameof(space));
}
