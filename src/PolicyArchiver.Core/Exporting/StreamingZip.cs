using System.IO.Compression;

namespace PolicyArchiver.Exporting;

/// <summary>
/// A ZIP written front to back straight to its output (a file or a response body, which cannot
/// seek), one entry at a time, each measured (size, SHA-256) as it is written. Both export formats
/// are written through it.
/// </summary>
internal sealed class StreamingZip : IAsyncDisposable
{
    private readonly SpoolingStream _spool;
    private readonly MeasuringStream _measured;
    private readonly ZipArchive _zip;
    private bool _completed;

    public StreamingZip(Stream output)
    {
        _spool = new SpoolingStream(output);
        _measured = new MeasuringStream(_spool);
        _zip = new ZipArchive(_measured, ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>An entry dated <paramref name="at"/> (an exported file carries its capture's instant).</summary>
    public async Task<ZipEntryWritten> WriteEntryAsync(string path, DateTimeOffset at, CompressionLevel level, Func<Stream, Task> write, CancellationToken ct)
    {
        var entry = _zip.CreateEntry(path, level);
        entry.LastWriteTime = at;
        ZipEntryWritten written;
        await using (var stream = await entry.OpenAsync(ct))
        await using (var measured = new MeasuringStream(stream))
        {
            await write(measured);
            written = new ZipEntryWritten(path, measured.Sha256, measured.BytesWritten);
        }
        await _spool.DrainAsync(ct);
        return written;
    }

    public Task<ZipEntryWritten> WriteEntryAsync(string path, DateTimeOffset at, CompressionLevel level, byte[] bytes, CancellationToken ct) =>
        WriteEntryAsync(path, at, level, s => s.WriteAsync(bytes, ct).AsTask(), ct);

    /// <summary>Writes the central directory and returns the size of the whole ZIP.</summary>
    public async Task<long> CompleteAsync(CancellationToken ct)
    {
        _completed = true;
        await _zip.DisposeAsync();
        await _spool.FlushAsync(ct);
        return _measured.BytesWritten;
    }

    public async ValueTask DisposeAsync()
    {
        // Not completed means an error stopped the export: the output is abandoned, not finished.
        if (!_completed) _zip.Dispose();
        await _measured.DisposeAsync();
        await _spool.DisposeAsync();
    }
}
