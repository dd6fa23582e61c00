using System.IO.Compression;

namespace PolicyArchiver.Evidence.Warc;

/// <summary>
/// The revisit record of a response whose body the blob store keeps as a delta (our own WARC 1.1
/// §6.7.3 profile): the HTTP response head as the block, the payload digest of the real whole body,
/// and a reference to the response record of the body the delta is made against. The body itself is
/// the blob named by the payload digest, rebuilt by the blob store; exports and evidence bundles
/// turn the record back into a standard response with the whole body (<see cref="ToResponseAsync"/>).
/// </summary>
internal static class DeltaRevisit
{
    /// <summary>The profile URI: "the payload is the blob named by WARC-Payload-Digest, stored as a zstd delta".</summary>
    public const string Profile = "urn:policyarchiver:revisit/zstd-delta";

    /// <summary>The digest of the base body the delta is made against (the payload of the record WARC-Refers-To names).</summary>
    public const string BaseHeader = "WARC-Policyarchiver-Delta-Base";

    private static readonly HashSet<string> RevisitOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "WARC-Profile", "WARC-Refers-To", "WARC-Refers-To-Target-URI", "WARC-Refers-To-Date", BaseHeader,
    };

    public static bool Is(WarcRecord record) => record.Type == "revisit" && record["WARC-Profile"] == Profile;

    /// <summary>The hex SHA-256 of the body: the blob that holds it.</summary>
    public static string BodySha256(WarcRecord record) =>
        WarcDigest.Hex(record["WARC-Payload-Digest"]) ?? throw new InvalidDataException($"revisit {record.RecordId} has no sha256 payload digest");

    /// <summary>
    /// The standard response record this revisit stands for: the same fields and record id (so its
    /// request stays concurrent to it), the head followed by the whole body, its block digest computed again.
    /// </summary>
    /// <param name="readBlob">Reads a blob by its digest, checked (the archive's blob store; a parameter, as Storage depends on this namespace).</param>
    public static async Task<WarcRecord> ToResponseAsync(WarcRecord revisit, Func<string, CancellationToken, Task<byte[]>> readBlob, CancellationToken ct)
    {
        var body = await readBlob(BodySha256(revisit), ct);
        var response = new WarcRecord { Block = revisit.Block, BlockTail = body };
        foreach (var (name, value) in revisit.Headers)
        {
            if (RevisitOnly.Contains(name)) continue;
            response.Add(name, name.Equals("WARC-Type", StringComparison.OrdinalIgnoreCase) ? "response"
                : name.Equals("WARC-Block-Digest", StringComparison.OrdinalIgnoreCase) ? WarcDigest.Of(revisit.Block, body)
                : value);
        }
        return response;
    }

    /// <summary>
    /// A record's gzip member as an export writes it: a member as stored, except that a revisit of
    /// this profile becomes its standard response (so replay tools and warcio read the body).
    /// </summary>
    public static async Task<byte[]> StandardMemberAsync(byte[] member, WarcRecordLocation location, Func<string, CancellationToken, Task<byte[]>> readBlob, CancellationToken ct)
    {
        if (location.Type != "revisit") return member;
        var record = WarcReader.ReadMember(member, $"{location.File} at offset {location.Offset}");
        if (!Is(record)) return member;
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
            (await ToResponseAsync(record, readBlob, ct)).WriteTo(gzip);
        return gzipped.ToArray();
    }
}
