using System.Buffers;
using System.IO.Compression;

namespace PolicyArchiver.Capture;

/// <summary>
/// Reads a response body as it streams in, decoding its content encoding, and stops at the cap —
/// on the bytes received and on the bytes they expand to — so that a huge body or a compression
/// bomb costs at most the cap in memory. What was read by then is kept, marked as truncated.
/// </summary>
internal static class BoundedBody
{
    /// <param name="Truncated">Why the body is incomplete, for the observation's detail; null when it is whole.</param>
    public sealed record Read(byte[] Bytes, string? Truncated);

    public static async Task<Read> ReadAsync(HttpContent content, long cap, CancellationToken ct)
    {
        var received = new CappedStream(await content.ReadAsStreamAsync(ct), cap);
        var encoding = content.Headers.ContentEncoding.LastOrDefault()?.ToLowerInvariant();
        await using var decoded = Decoding(encoding, received);
        // Sized from Content-Length when the body arrives as it is (one array, handed over as it is);
        // otherwise it grows a segment at a time and is joined once at the end: a growing
        // MemoryStream would hold the old and the doubled buffer at once, then copy the body again.
        var body = new Segments(encoding is null ? Math.Min(content.Headers.ContentLength ?? 0, cap) : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var expanded = false;
        try
        {
            while (true)
            {
                int n;
                try
                {
                    n = await decoded.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, cap + 1 - body.Length)), ct);
                }
                catch (InvalidDataException) when (received.Exceeded)
                {
                    break; // the compressed stream was cut at the cap
                }
                if (n == 0) break;
                body.Write(chunk.AsSpan(0, n));
                if (body.Length <= cap) continue;
                body.Truncate(cap);
                expanded = true;
                break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        var megabytes = $"{cap / (1024.0 * 1024):0.##} MB";
        var why = received.Exceeded ? $"body larger than the {megabytes} cap; the first {body.Length} bytes are kept"
            : expanded ? $"body expands beyond the {megabytes} cap when decoded (content-encoding {encoding}); the first {cap} decoded bytes are kept"
            : null;
        return new Read(body.ToArray(), why);
    }

    /// <summary>A body as it arrives: arrays filled one after another, joined once it is complete.</summary>
    private sealed class Segments(long expected)
    {
        private const int Size = 1024 * 1024;
        private readonly List<byte[]> _full = [];
        private byte[] _current = new byte[expected > 0 ? expected : Size];
        private int _used;

        public long Length { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty)
            {
                if (_used == _current.Length)
                {
                    _full.Add(_current);
                    _current = new byte[Size];
                    _used = 0;
                }
                var n = Math.Min(bytes.Length, _current.Length - _used);
                bytes[..n].CopyTo(_current.AsSpan(_used));
                _used += n;
                Length += n;
                bytes = bytes[n..];
            }
        }

        /// <summary>Forgets what is beyond <paramref name="length"/> (the end of the last read, which may span two arrays).</summary>
        public void Truncate(long length)
        {
            var excess = Length - length;
            while (excess > _used)
            {
                excess -= _used;
                (_current, _used) = (_full[^1], _full[^1].Length);
                _full.RemoveAt(_full.Count - 1);
            }
            _used -= (int)excess;
            Length = length;
        }

        /// <summary>The body in one array: the only one, when it was sized exactly, else a copy of the segments.</summary>
        public byte[] ToArray()
        {
            if (_full.Count == 0 && _used == _current.Length) return _current;
            var bytes = new byte[Length];
            var at = 0;
            foreach (var segment in _full)
            {
                segment.CopyTo(bytes, at);
                at += segment.Length;
            }
            _current.AsSpan(0, _used).CopyTo(bytes.AsSpan(at));
            return bytes;
        }
    }

    private static Stream Decoding(string? encoding, Stream received) => encoding switch
    {
        "gzip" or "x-gzip" => new GZipStream(received, CompressionMode.Decompress),
        "deflate" => new ZLibStream(received, CompressionMode.Decompress),
        "br" => new BrotliStream(received, CompressionMode.Decompress),
        _ => received,
    };
}
