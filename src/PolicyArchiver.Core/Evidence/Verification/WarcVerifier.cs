using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Evidence.Verification;

/// <summary>
/// Reads every WARC record the catalog's index points at and checks its digests, and accounts for
/// every other byte of every WARC file.
/// </summary>
internal sealed class WarcVerifier(Archive archive, VerificationReport report)
{
    public async Task VerifyAsync(CancellationToken ct)
    {
        var records = await archive.Catalog.GetAllWarcRecordsAsync(ct);
        var payloads = records.Where(r => r.Type == "response").ToDictionary(r => r.RecordId, r => r.PayloadDigest);
        var store = archive.WarcStore;
        foreach (var file in records.GroupBy(r => r.File))
        {
            report.Count("warcFiles");
            var length = await store.LengthAsync(file.Key, ct);
            if (length is null)
            {
                report.Problem("warc", store.Locate(file.Key), $"file is missing ({file.Count()} records refer to it)");
                continue;
            }
            long expected = 0;
            foreach (var location in file.OrderBy(r => r.Offset))
            {
                report.Count("warcRecords");
                if (location.Offset > expected) await ReportUncommittedAsync(report, store, file.Key, expected, location.Offset, tail: false, ct);
                expected = Math.Max(expected, location.Offset + location.Length);
                await VerifyRecordAsync(report, store, location, payloads, archive.Blobs.GetAsync, ct);
            }
            if (length > expected) await ReportUncommittedAsync(report, store, file.Key, expected, length.Value, tail: true, ct);
        }
        var known = records.Select(r => r.File).ToHashSet();
        await foreach (var file in store.ListAsync(ct))
            if (!known.Contains(file) && await store.LengthAsync(file, ct) is { } length)
                await ReportUncommittedAsync(report, store, file, 0, length, tail: true, ct);
    }

    private static async Task VerifyRecordAsync(VerificationReport report, IWarcStore store, WarcRecordLocation location,
        IReadOnlyDictionary<string, string?> payloads, Func<string, CancellationToken, Task<byte[]>> readBlob, CancellationToken ct)
    {
        var where = $"{location.File} at offset {location.Offset}";
        WarcRecord record;
        try
        {
            record = WarcReader.ReadMember(await store.ReadAsync(location.File, location.Offset, location.Length, ct), where);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            report.Problem("warc", where, $"unreadable record {location.RecordId}: {e.Message}");
            return;
        }
        if (record.RecordId != location.RecordId)
            report.Problem("warc", where, $"holds record {record.RecordId}, the catalog expects {location.RecordId}");
        var block = WarcDigest.Of(record.Block);
        if (record["WARC-Block-Digest"] != block || location.BlockDigest != block)
            report.Problem("warc", where, $"block digest of {location.RecordId} is {block}; the record says {record["WARC-Block-Digest"]}, the catalog {location.BlockDigest}");
        if (record.Type == "response")
        {
            var payload = WarcDigest.Of(WarcReader.HttpPayload(record.Block));
            if (record["WARC-Payload-Digest"] != payload || location.PayloadDigest != payload)
                report.Problem("warc", where, $"payload digest of {location.RecordId} is {payload}; the record says {record["WARC-Payload-Digest"]}, the catalog {location.PayloadDigest}");
        }
        if (DeltaRevisit.Is(record))
            await VerifyDeltaRevisitAsync(report, where, record, location, payloads, readBlob, ct);
        else if (record.Type == "revisit" && record["WARC-Refers-To"] is { } original &&
            (!payloads.TryGetValue(original, out var originalPayload) || originalPayload != record["WARC-Payload-Digest"]))
            report.Problem("warc", where, $"revisit {location.RecordId} refers to {original}, which is not a response with payload {record["WARC-Payload-Digest"]}");
    }

    /// <summary>
    /// A revisit whose body the blob store keeps as a delta: it refers to the response of the base
    /// body, and the body rebuilt from the delta has the payload digest the record and the catalog say.
    /// </summary>
    private static async Task VerifyDeltaRevisitAsync(VerificationReport report, string where, WarcRecord record, WarcRecordLocation location,
        IReadOnlyDictionary<string, string?> payloads, Func<string, CancellationToken, Task<byte[]>> readBlob, CancellationToken ct)
    {
        var payload = record["WARC-Payload-Digest"];
        var original = record["WARC-Refers-To"];
        var baseDigest = record[DeltaRevisit.BaseHeader];
        if (original is null || !payloads.TryGetValue(original, out var originalPayload) || originalPayload != baseDigest)
            report.Problem("warc", where, $"revisit {location.RecordId} refers to {original ?? "nothing"}, which is not a response with the delta's base payload {baseDigest}");
        if (location.PayloadDigest != payload)
            report.Problem("warc", where, $"payload digest of {location.RecordId} is {payload} in the record, {location.PayloadDigest} in the catalog");
        if (WarcDigest.Hex(payload) is not { } sha)
        {
            report.Problem("warc", where, $"revisit {location.RecordId} has no sha256 payload digest to find its body by");
            return;
        }
        try
        {
            // The store rebuilds the body and checks it against the digest: the payload digest of the real body.
            await readBlob(sha, ct);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            report.Problem("warc", where, $"the body of revisit {location.RecordId} ({payload}) cannot be rebuilt: {e.Message}");
        }
    }

    /// <summary>
    /// Bytes the WARC index does not refer to. Only a capture interrupted before the catalog
    /// recorded it leaves such bytes, and only at the very end of a file (a writer never appends to
    /// a file after a failed write or a restart): whole records in the shape a capture writes (see
    /// <see cref="CaptureShape"/>), or a record cut short by a crash. Records anywhere else — before
    /// committed records, or not in a capture's shape, like a lone response — were put there by
    /// someone else, and are damage.
    /// </summary>
    private static async Task ReportUncommittedAsync(VerificationReport report, IWarcStore store, string file, long from, long to, bool tail, CancellationToken ct)
    {
        var where = $"{file} at offset {from}";
        var bytes = await store.ReadAsync(file, from, to - from, ct);
        IReadOnlyList<WarcRecord> records;
        try
        {
            records = WarcReader.ReadAllFrom(bytes, where);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            if (tail) report.Warning("warc", where, $"truncated tail of {to - from} bytes (a write interrupted by a crash; the archive continued in a new file)");
            else report.Problem("warc", where, $"{to - from} unreadable bytes between committed records: {e.Message}");
            return;
        }
        if (!tail)
            report.Problem("warc", where, $"{records.Count} record(s) the WARC index does not refer to, followed by committed records: not left by an interrupted capture");
        else if (CaptureShape.Why(records, startsFile: from == 0) is { } wrong)
            report.Problem("warc", where, $"{records.Count} record(s) the WARC index does not refer to, and not what a capture writes: {wrong}");
        else
            report.Warning("warc", where, $"{records.Count} record(s) that no observation refers to (capture interrupted before it was recorded)");
    }
}
