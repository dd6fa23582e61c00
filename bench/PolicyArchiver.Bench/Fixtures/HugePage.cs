using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// A policy page of an exact size (300 MB in the <c>hugepage</c> scenario), generated as it is
/// written: numbered clauses of 1 KiB each between a head and a tail, so the server never holds
/// the page. The same body as a PDF-typed document is a PDF header followed by comment lines.
/// </summary>
public sealed class HugePage(long size, bool pdf = false)
{
    private const int Block = 1024;
    private const string Clause = "Банк обрабатывает персональные данные клиента только для исполнения договора и хранит их не дольше, чем требует закон.";

    private readonly byte[] _head = Encoding.UTF8.GetBytes(pdf
        ? "%PDF-1.4\n"
        : "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Политика конфиденциальности</title></head><body><h1>Политика конфиденциальности</h1>\n");

    private readonly byte[] _tail = Encoding.UTF8.GetBytes(pdf ? "%%EOF\n" : "</body></html>\n");

    public long Size { get; } = size;

    /// <summary>Writes the page to <paramref name="output"/> in 64 KiB chunks.</summary>
    public async Task WriteAsync(Stream output, CancellationToken ct)
    {
        var blocks = (Size - _head.Length - _tail.Length) / Block;
        var padding = (int)(Size - _head.Length - _tail.Length - blocks * Block);
        await output.WriteAsync(_head, ct);
        var chunk = new byte[64 * Block];
        var filled = 0;
        for (long n = 1; n <= blocks; n++)
        {
            BlockOf(n, chunk.AsSpan(filled, Block));
            filled += Block;
            if (filled < chunk.Length && n < blocks) continue;
            await output.WriteAsync(chunk.AsMemory(0, filled), ct);
            filled = 0;
        }
        await output.WriteAsync(Encoding.ASCII.GetBytes(new string('\n', padding)), ct);
        await output.WriteAsync(_tail, ct);
    }

    /// <summary>The page gzip-compressed, held whole: a few megabytes that expand to <see cref="Size"/>.</summary>
    public async Task<byte[]> GzipAsync(CancellationToken ct)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            await WriteAsync(gzip, ct);
        return compressed.ToArray();
    }

    /// <summary>One clause, padded with spaces to exactly one block and ended by a newline.</summary>
    private void BlockOf(long n, Span<byte> block)
    {
        var text = pdf
            ? string.Create(CultureInfo.InvariantCulture, $"% {n} padding of a PDF-typed body ")
            : string.Create(CultureInfo.InvariantCulture, $"<p>{n}. {Clause}</p>");
        var written = Encoding.UTF8.GetBytes(text, block);
        block[written..^1].Fill((byte)' ');
        block[^1] = (byte)'\n';
    }
}
