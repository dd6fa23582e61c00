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
        using var body = new MemoryStream((int)Math.Min(content.Headers.ContentLength ?? 0, cap));
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
                body.Write(chunk, 0, n);
                if (body.Length <= cap) continue;
                body.SetLength(cap);
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
        // The buffer is handed over as it is when it is full; otherwise copied once to its length.
        var bytes = body.Length == body.Capacity ? body.GetBuffer() : body.ToArray();
        return new Read(bytes, why);
    }

    private static Stream Decoding(string? encoding, Stream received) => encoding switch
    {
        "gzip" or "x-gzip" => new GZipStream(received, CompressionMode.Decompress),
        "deflate" => new ZLibStream(received, CompressionMode.Decompress),
        "br" => new BrotliStream(received, CompressionMode.Decompress),
        _ => received,
    };
}
