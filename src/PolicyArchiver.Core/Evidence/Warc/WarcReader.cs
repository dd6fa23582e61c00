using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PolicyArchiver.Evidence.Warc;

/// <summary>Reads WARC records back: one gzip member at a known offset, or every member of a file.</summary>
internal static class WarcReader
{
    /// <summary>Reads the record stored as the gzip member at <paramref name="offset"/> of <paramref name="length"/> bytes.</summary>
    public static async Task<WarcRecord> ReadAtAsync(string path, long offset, long length, CancellationToken ct = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous);
        if (offset + length > file.Length)
            throw new InvalidDataException($"{path}: record at offset {offset} ends at {offset + length}, past the end of the file ({file.Length} bytes)");
        var member = new byte[length];
        file.Position = offset;
        await file.ReadExactlyAsync(member, ct);
        return Parse(Gunzip(member), $"{path} at offset {offset}");
    }

    /// <summary>Parses one record from its gzip member, read from wherever the file is stored.</summary>
    public static WarcRecord ReadMember(byte[] member, string where) => Parse(Gunzip(member), where);

    /// <summary>The raw gzip member of a record, for copying it byte for byte into a bundle.</summary>
    public static async Task<byte[]> ReadMemberAsync(string path, long offset, long length, CancellationToken ct = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous);
        var member = new byte[length];
        file.Position = offset;
        await file.ReadExactlyAsync(member, ct);
        return member;
    }

    /// <summary>Every record of a whole (multi-member) .warc.gz file, in order.</summary>
    public static IReadOnlyList<WarcRecord> ReadAll(string path) => ReadAllFrom(File.ReadAllBytes(path), path);

    /// <summary>Every record in a run of gzip members; throws if any is cut short or malformed.</summary>
    public static IReadOnlyList<WarcRecord> ReadAllFrom(byte[] members, string where) => ReadAllUncompressed(Gunzip(members), where);

    /// <summary>Every record of an uncompressed WARC.</summary>
    public static IReadOnlyList<WarcRecord> ReadAllUncompressed(byte[] bytes, string where)
    {
        var records = new List<WarcRecord>();
        var position = 0;
        while (position < bytes.Length)
        {
            var (record, consumed) = ParseOne(bytes.AsSpan(position), $"{where} (uncompressed byte {position})");
            records.Add(record);
            position += consumed;
        }
        return records;
    }

    public static byte[] Gunzip(byte[] member)
    {
        using var input = new MemoryStream(member);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    public static WarcRecord Parse(byte[] bytes, string where)
    {
        var (record, consumed) = ParseOne(bytes, where);
        if (consumed != bytes.Length) throw new InvalidDataException($"{where}: {bytes.Length - consumed} unexpected bytes after the record");
        return record;
    }

    private static (WarcRecord Record, int Consumed) ParseOne(ReadOnlySpan<byte> bytes, string where)
    {
        var headEnd = bytes.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0) throw new InvalidDataException($"{where}: no end of WARC header (truncated record?)");
        var (headers, length) = ParseHead(bytes[..headEnd], where);
        var blockStart = headEnd + 4;
        if (blockStart + length + 4 > bytes.Length) throw new InvalidDataException($"{where}: record is truncated ({bytes.Length - blockStart} of {length + 4} bytes)");
        if (!bytes.Slice(blockStart + (int)length, 4).SequenceEqual("\r\n\r\n"u8))
            throw new InvalidDataException($"{where}: record does not end with CRLF CRLF after its {length}-byte block");
        var record = new WarcRecord { Block = bytes.Slice(blockStart, (int)length).ToArray() };
        record.Headers.AddRange(headers);
        return (record, blockStart + (int)length + 4);
    }

    /// <summary>
    /// Every record of a WARC file (.warc.gz of one or many gzip members, or .warc), read as a
    /// stream one record at a time: an archive of gigabytes is never held whole in memory.
    /// </summary>
    public static IEnumerable<WarcRecord> Stream(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        using var input = new BufferedStream(gzip ? new GZipStream(file, CompressionMode.Decompress) : file, 1 << 16);
        var head = new List<byte>(1024);
        long position = 0;
        while (true)
        {
            var where = $"{path} (uncompressed byte {position})";
            head.Clear();
            int b;
            try
            {
                // The header ends at the first blank line; it is short, read byte by byte from the buffer.
                while ((b = input.ReadByte()) >= 0)
                {
                    head.Add((byte)b);
                    if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r') break;
                }
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{where}: the gzip data is damaged ({e.Message})", e);
            }
            if (head.Count == 0) yield break;
            if (b < 0) throw new InvalidDataException($"{where}: no end of WARC header (truncated record?)");
            var (headers, length) = ParseHead(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(head)[..^4], where);
            if (length > Array.MaxLength) throw new InvalidDataException($"{where}: a {length}-byte block is larger than this reader takes");
            var block = new byte[length];
            var trailer = new byte[4];
            try
            {
                input.ReadExactly(block);
                input.ReadExactly(trailer);
            }
            catch (EndOfStreamException)
            {
                throw new InvalidDataException($"{where}: record is truncated (its block is {length} bytes)");
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{where}: the gzip data is damaged ({e.Message})", e);
            }
            if (!trailer.AsSpan().SequenceEqual("\r\n\r\n"u8))
                throw new InvalidDataException($"{where}: record does not end with CRLF CRLF after its {length}-byte block");
            var record = new WarcRecord { Block = block };
            record.Headers.AddRange(headers);
            position += head.Count + length + 4;
            yield return record;
        }
    }

    /// <summary>A record's header fields (without Content-Length) and the length of its block.</summary>
    private static (List<KeyValuePair<string, string>> Headers, long Length) ParseHead(ReadOnlySpan<byte> head, string where)
    {
        var lines = Encoding.UTF8.GetString(head).Split("\r\n");
        if (!lines[0].StartsWith("WARC/", StringComparison.Ordinal)) throw new InvalidDataException($"{where}: not a WARC record (starts with \"{lines[0]}\")");
        var headers = new List<KeyValuePair<string, string>>();
        long? length = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new InvalidDataException($"{where}: malformed header line \"{line}\"");
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                length = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new InvalidDataException($"{where}: bad Content-Length \"{value}\"");
            else headers.Add(new(name, value));
        }
        if (length is null) throw new InvalidDataException($"{where}: WARC record has no Content-Length");
        return (headers, length.Value);
    }

    /// <summary>The payload of an HTTP response block: what follows the header's blank line.</summary>
    public static ReadOnlySpan<byte> HttpPayload(ReadOnlySpan<byte> block)
    {
        var end = block.IndexOf("\r\n\r\n"u8);
        return end < 0 ? [] : block[(end + 4)..];
    }
}
