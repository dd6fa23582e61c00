using System.Runtime.CompilerServices;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Storage.FileSystem;

/// <summary>The embedded WARC store: files under the archive directory, <c>archive/warc/YYYY/MM/DD/*.warc.gz</c>.</summary>
internal sealed class FileSystemWarcStore(string archiveDirectory) : IWarcStore
{
    public Task<IWarcFileWriter> CreateAsync(string file, CancellationToken ct = default)
    {
        var path = PathOf(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // CreateNew: a name that exists is never opened for writing.
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 65536, FileOptions.Asynchronous);
        return Task.FromResult<IWarcFileWriter>(new Writer(stream));
    }

    public Task<long?> LengthAsync(string file, CancellationToken ct = default)
    {
        var info = new FileInfo(PathOf(file));
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }

    public async Task<byte[]> ReadAsync(string file, long offset, long length, CancellationToken ct = default)
    {
        await using var stream = new FileStream(PathOf(file), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous);
        if (offset + length > stream.Length)
            throw new InvalidDataException($"{file}: {length} bytes at offset {offset} end past the end of the file ({stream.Length} bytes)");
        var bytes = new byte[length];
        stream.Position = offset;
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var root = Path.Combine(archiveDirectory, "warc");
        if (!Directory.Exists(root)) yield break;
        foreach (var path in Directory.EnumerateFiles(root, "*.warc.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            yield return Path.GetRelativePath(archiveDirectory, path).Replace('\\', '/');
        }
        await Task.CompletedTask;
    }

    public string Locate(string file) => file;

    /// <summary>The absolute path of a file named in the catalog (relative, with forward slashes).</summary>
    public string PathOf(string file)
    {
        if (file.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(file)) throw new ArgumentException($"not a WARC file of the archive: \"{file}\"", nameof(file));
        return Path.Combine(archiveDirectory, file.Replace('/', Path.DirectorySeparatorChar));
    }

    private sealed class Writer(FileStream stream) : IWarcFileWriter
    {
        public long Length => stream.Length;

        public async Task AppendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
        {
            await stream.WriteAsync(bytes, ct);
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
        }

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
