using System.Globalization;
using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Replay;

/// <summary>
/// The archived response of a URL nearest to an instant, read from the archive alone (pywb's
/// "closest" lookup): what a replay serves for the page and for each resource the page asks for.
/// A revisit is answered with its own head and the body of the response it refers to, so an
/// unchanged resource costs one stored copy however often it was captured.
/// </summary>
internal sealed class ArchivedResponses(Archive archive)
{
    /// <summary>
    /// The response of <paramref name="url"/> captured nearest to <paramref name="at"/>: its exact URL
    /// first; failing that, the same address with any query (a cache-busting parameter). Null when the
    /// archive never fetched it.
    /// </summary>
    public async Task<ArchivedResponse?> NearestAsync(Uri url, DateTimeOffset at, CancellationToken ct)
    {
        var location = await archive.Catalog.FindNearestResponseAsync(url.AbsoluteUri, at, ct)
            ?? (url.OriginalString != url.AbsoluteUri ? await archive.Catalog.FindNearestResponseAsync(url.OriginalString, at, ct) : null)
            ?? await archive.Catalog.FindNearestResponseWithAnyQueryAsync(url.GetLeftPart(UriPartial.Path), at, ct);
        return location is null ? null : await ReadAsync(location, ct);
    }

    /// <summary>The response a record stands for; null when it is a revisit whose original the archive does not hold.</summary>
    public async Task<ArchivedResponse?> ReadAsync(WarcRecordLocation location, CancellationToken ct)
    {
        var record = await ReadRecordAsync(location, ct);
        byte[] head, body;
        if (record.Type == "response")
        {
            var end = HeadEnd(record.Block);
            (head, body) = (record.Block[..end], record.Block[end..]);
        }
        else if (DeltaRevisit.Is(record))
        {
            // The body is the blob the payload digest names, which the blob store rebuilds from its delta.
            (head, body) = (record.Block, await archive.Blobs.GetAsync(DeltaRevisit.BodySha256(record), ct));
        }
        else if (await OriginalPayloadAsync(record, ct) is { } payload)
        {
            (head, body) = (record.Block, payload);
        }
        else
        {
            return null;
        }
        var (status, headers) = ParseHead(head, $"{archive.WarcStore.Locate(location.File)} at offset {location.Offset}");
        return new ArchivedResponse(location, status, headers, body);
    }

    /// <summary>
    /// The payload of the response a revisit refers to: by its target URI and payload digest (it may
    /// be another URL that served the same bytes). A main document's body is also a blob of its own.
    /// </summary>
    private async Task<byte[]?> OriginalPayloadAsync(WarcRecord revisit, CancellationToken ct)
    {
        var digest = revisit["WARC-Payload-Digest"];
        if (digest is null) return null;
        var uri = revisit["WARC-Refers-To-Target-URI"] ?? revisit["WARC-Target-URI"] ?? "";
        if (await archive.Catalog.FindResponseAsync(uri, digest, ct) is { } original)
        {
            var block = (await ReadRecordAsync(original, ct)).Block;
            return block[HeadEnd(block)..];
        }
        return WarcDigest.Hex(digest) is { } sha && await archive.Blobs.ExistsAsync(sha, ct) ? await archive.Blobs.GetAsync(sha, ct) : null;
    }

    private async Task<WarcRecord> ReadRecordAsync(WarcRecordLocation location, CancellationToken ct) =>
        WarcReader.ReadMember(await archive.WarcStore.ReadAsync(location.File, location.Offset, location.Length, ct),
            $"{archive.WarcStore.Locate(location.File)} at offset {location.Offset}");

    /// <summary>Where the payload starts: after the blank line that ends the HTTP head (the whole block when there is none).</summary>
    private static int HeadEnd(byte[] block) => block.AsSpan().IndexOf("\r\n\r\n"u8) is var i and >= 0 ? i + 4 : block.Length;

    /// <summary>The status and header fields of an HTTP response head, in order (a field sent twice, such as Set-Cookie, stays twice).</summary>
    internal static (int Status, List<KeyValuePair<string, string>> Headers) ParseHead(ReadOnlySpan<byte> head, string where)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines.Length > 0 ? lines[0].Split(' ', 3) : [];
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            throw new InvalidDataException($"{where}: the record holds no HTTP status line (\"{(lines.Length > 0 ? lines[0] : "")}\")");
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return (status, headers);
    }
}
