using System.IO.Compression;
using System.Text;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Importing;

/// <summary>
/// Reads the captures out of any standard WARC file (.warc or .warc.gz, one gzip member per record
/// or one for the whole file): <c>response</c> records with their HTTP message, and <c>resource</c>
/// records. Transfer and content encodings are removed so the body is the document's bytes.
/// </summary>
internal static class ForeignWarc
{
    public static IEnumerable<ImportRecord> Read(string path)
    {
        var name = Path.GetFileName(path);
        // Read as a stream: a record's bytes live only until it has been imported.
        foreach (var record in WarcReader.Stream(path))
        {
            if (record["WARC-Target-URI"] is not { } uri || record["WARC-Date"] is not { } date) continue;
            var source = $"import:{name}#{record.RecordId}";
            var at = WarcRecord.ParseDate(date);
            switch (record.Type)
            {
                case "response" when (record["Content-Type"] ?? "").StartsWith("application/http", StringComparison.OrdinalIgnoreCase):
                    var (status, headers, body) = ParseHttp(record.Block, $"{path} record {record.RecordId}");
                    yield return new ImportRecord(uri.Trim('<', '>'), at, status, headers, body, source);
                    break;
                case "resource":
                    var type = new Dictionary<string, string> { ["content-type"] = record["Content-Type"] ?? "application/octet-stream" };
                    yield return new ImportRecord(uri.Trim('<', '>'), at, 200, type, record.Block, source);
                    break;
            }
        }
    }

    private static (int Status, Dictionary<string, string> Headers, byte[] Body) ParseHttp(byte[] block, string where)
    {
        var end = block.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0) throw new InvalidDataException($"{where}: no end of HTTP header");
        var lines = Encoding.Latin1.GetString(block, 0, end).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !int.TryParse(statusParts[1], out var status)) throw new InvalidDataException($"{where}: bad HTTP status line \"{lines[0]}\"");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }
        var body = block[(end + 4)..];
        if (headers.GetValueOrDefault("transfer-encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true) body = Dechunk(body);
        body = headers.GetValueOrDefault("content-encoding")?.Trim().ToLowerInvariant() switch
        {
            "gzip" or "x-gzip" => Decode(body, s => new GZipStream(s, CompressionMode.Decompress)),
            "deflate" => Decode(body, s => new ZLibStream(s, CompressionMode.Decompress)),
            "br" => Decode(body, s => new BrotliStream(s, CompressionMode.Decompress)),
            _ => body,
        };
        return (status, headers, body);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0) break;
            var sizeText = Encoding.ASCII.GetString(chunked, position, lineEnd).Split(';')[0].Trim();
            var size = Convert.ToInt32(sizeText, 16);
            position += lineEnd + 2;
            if (size == 0) break;
            output.Write(chunked, position, Math.Min(size, chunked.Length - position));
            position += size + 2;
        }
        return output.ToArray();
    }

    private static byte[] Decode(byte[] body, Func<Stream, Stream> decoder)
    {
        try
        {
            using var input = decoder(new MemoryStream(body));
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return body; // some archives store the body already decoded but keep the header
        }
    }
}
