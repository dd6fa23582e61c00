using System.Security.Cryptography;
using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Evidence.Verification;

/// <summary>
/// Recomputes everything an auditor relies on: every blob digest, every WARC record's digests,
/// the whole hash chain against the catalog's rows, and every checkpoint signature. It only reads.
/// </summary>
public sealed class ArchiveVerifier(Archive archive)
{
    private const int LedgerBatch = 5000;

    public async Task<VerificationReport> VerifyAsync(Action<string>? progress, CancellationToken ct)
    {
        var report = new VerificationReport();
        progress?.Invoke("blobs");
        await VerifyBlobsAsync(report, ct);
        progress?.Invoke("WARC records");
        await VerifyWarcAsync(report, ct);
        progress?.Invoke("ledger");
        var hashes = await VerifyLedgerAsync(report, ct);
        progress?.Invoke("checkpoints");
        await VerifyCheckpointsAsync(report, hashes, ct);
        return report;
    }

    private async Task VerifyBlobsAsync(VerificationReport report, CancellationToken ct)
    {
        await foreach (var name in archive.Blobs.ListAsync(ct))
        {
            var location = archive.Blobs.Locate(name);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                report.Warning("blob", location, "leftover of an interrupted write (not referenced)");
                continue;
            }
            report.Count("blobs");
            await using var stream = await archive.Blobs.OpenReadAsync(name, ct);
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (actual != name) report.Problem("blob", location, $"content does not match its name: SHA-256 is {actual}");
        }
    }

    private async Task VerifyWarcAsync(VerificationReport report, CancellationToken ct)
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
                await VerifyRecordAsync(report, store, location, payloads, ct);
            }
            if (length > expected) await ReportUncommittedAsync(report, store, file.Key, expected, length.Value, tail: true, ct);
        }
        var known = records.Select(r => r.File).ToHashSet();
        await foreach (var file in store.ListAsync(ct))
            if (!known.Contains(file))
                report.Warning("warc", store.Locate(file), "no committed record refers to this file (a capture interrupted before it was recorded)");
    }

    private static async Task VerifyRecordAsync(VerificationReport report, IWarcStore store, WarcRecordLocation location,
        IReadOnlyDictionary<string, string?> payloads, CancellationToken ct)
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
        if (record.Type == "revisit" && record["WARC-Refers-To"] is { } original &&
            (!payloads.TryGetValue(original, out var originalPayload) || originalPayload != record["WARC-Payload-Digest"]))
            report.Problem("warc", where, $"revisit {location.RecordId} refers to {original}, which is not a response with payload {record["WARC-Payload-Digest"]}");
    }

    /// <summary>
    /// Bytes between or after committed records. Whole records there are captures that were
    /// interrupted before the catalog recorded them; a cut-off record at the end of a file is a
    /// write interrupted by a crash. Neither touches committed evidence. Anything else is damage.
    /// </summary>
    private static async Task ReportUncommittedAsync(VerificationReport report, IWarcStore store, string file, long from, long to, bool tail, CancellationToken ct)
    {
        var bytes = await store.ReadAsync(file, from, to - from, ct);
        try
        {
            var count = WarcReader.ReadAllFrom(bytes, $"{file} at offset {from}").Count();
            report.Warning("warc", $"{file} at offset {from}", $"{count} record(s) that no observation refers to (capture interrupted before it was recorded)");
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            if (tail) report.Warning("warc", $"{file} at offset {from}", $"truncated tail of {to - from} bytes (a write interrupted by a crash; the archive continued in a new file)");
            else report.Problem("warc", $"{file} at offset {from}", $"{to - from} unreadable bytes between committed records: {e.Message}");
        }
    }

    /// <summary>Walks the chain in order; returns the hash of every entry by sequence number.</summary>
    private async Task<Dictionary<long, string>> VerifyLedgerAsync(VerificationReport report, CancellationToken ct)
    {
        var hashes = new Dictionary<long, string>();
        var kinds = new Dictionary<string, long> { ["observation"] = 0, ["snapshot"] = 0, ["version"] = 0, ["discovery"] = 0 };
        var previous = LedgerChain.Genesis;
        long expectedSeq = 1;
        for (long from = 1; ; from += LedgerBatch)
        {
            var batch = await archive.Catalog.GetLedgerAsync(from, from + LedgerBatch - 1, ct);
            foreach (var entry in batch)
            {
                report.Count("ledgerEntries");
                var where = $"ledger entry {entry.Seq}";
                if (entry.Seq != expectedSeq) report.Problem("ledger", where, $"sequence jumps from {expectedSeq - 1} to {entry.Seq}");
                expectedSeq = entry.Seq + 1;
                var actual = Hashing.Sha256Hex(Encoding.UTF8.GetBytes(entry.Json));
                if (actual != entry.Hash) report.Problem("ledger", where, $"stored hash {entry.Hash} is not the SHA-256 of its JSON ({actual})");
                hashes[entry.Seq] = actual;
                try
                {
                    var (seq, prev, body) = LedgerChain.Parse(entry.Json);
                    if (seq != entry.Seq) report.Problem("ledger", where, $"its JSON says seq {seq}");
                    if (prev != previous) report.Problem("ledger", where, $"does not link to entry {entry.Seq - 1}: prev is {prev}, expected {previous}");
                    if (kinds.ContainsKey(entry.Kind)) kinds[entry.Kind]++;
                    var rebuilt = await RebuildAsync(entry, ct);
                    if (rebuilt is null) report.Problem("catalog", where, $"{entry.Subject} is missing from the catalog");
                    else if (rebuilt != body) report.Problem("catalog", where, $"{entry.Subject} in the catalog differs from what the ledger recorded");
                }
                catch (System.Text.Json.JsonException e)
                {
                    report.Problem("ledger", where, $"JSON is malformed: {e.Message}");
                }
                previous = actual;
            }
            if (batch.Count < LedgerBatch) break;
        }
        var rows = await archive.Catalog.CountRowsAsync(ct);
        foreach (var (kind, count) in kinds)
            if (rows[kind] != count)
                report.Problem("catalog", $"{kind} rows", $"the catalog has {rows[kind]} {kind} rows but the ledger covers {count}");
        return hashes;
    }

    /// <summary>The body the ledger entry should hold, rebuilt from the catalog; null when the row is gone.</summary>
    private async Task<string?> RebuildAsync(LedgerEntry entry, CancellationToken ct)
    {
        var subject = entry.Subject[(entry.Subject.IndexOf(':') + 1)..];
        switch (entry.Kind)
        {
            case "observation":
                var id = long.Parse(subject, System.Globalization.CultureInfo.InvariantCulture);
                // As recorded: after a rebuild, readers see versions of the new generation; the ledger keeps what was.
                var observation = await archive.Catalog.GetRecordedObservationAsync(id, ct);
                return observation is null ? null : LedgerBodies.Observation(observation, await archive.Catalog.GetWarcRecordsAsync(id, ct));
            case "snapshot":
                var snapshot = await archive.Catalog.GetSnapshotAsync(long.Parse(subject, System.Globalization.CultureInfo.InvariantCulture), ct);
                return snapshot is null ? null : LedgerBodies.Snapshot(snapshot);
            case "version":
                // version:DOC#N, or version:DOC#N@G for a history derived again (generation G).
                var at = subject.LastIndexOf('@');
                var generation = at > subject.LastIndexOf('#') ? int.Parse(subject[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture) : 0;
                var key = at > subject.LastIndexOf('#') ? subject[..at] : subject;
                var hash = key.LastIndexOf('#');
                var version = await archive.Catalog.GetVersionInGenerationAsync(key[..hash], int.Parse(key[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture), generation, ct);
                return version is null ? null : LedgerBodies.Version(version);
            case "discovery":
                var discovery = await archive.Catalog.GetDiscoveryAsync(long.Parse(subject, System.Globalization.CultureInfo.InvariantCulture), ct);
                return discovery is null ? null : LedgerBodies.Discovery(discovery);
            case "rebuild":
                var split = subject.LastIndexOf('@');
                var document = subject[..split];
                var rebuilt = int.Parse(subject[(split + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                // The catalog must still know the document reached that generation.
                return await archive.Catalog.GetGenerationAsync(document, ct) >= rebuilt ? LedgerChain.Parse(entry.Json).Body : null;
            default:
                return null;
        }
    }

    private async Task VerifyCheckpointsAsync(VerificationReport report, IReadOnlyDictionary<long, string> hashes, CancellationToken ct)
    {
        var checkpoints = await archive.Catalog.GetCheckpointsAsync(ct);
        if (checkpoints.Count == 0) return;
        if (!File.Exists(archive.PublicKeyPath))
        {
            report.Problem("key", Path.GetRelativePath(archive.Directory, archive.PublicKeyPath), "the public key is missing: no checkpoint can be checked");
            return;
        }
        var publicKey = await File.ReadAllTextAsync(archive.PublicKeyPath, ct);
        var keyId = ArchiveKey.PublicKeySha256Of(publicKey);
        foreach (var checkpoint in checkpoints)
        {
            report.Count("checkpoints");
            var where = $"checkpoint at ledger entry {checkpoint.Seq}";
            var statement = Encoding.UTF8.GetBytes(checkpoint.Statement);
            if (!ArchiveKey.Verify(publicKey, statement, checkpoint.Signature))
                report.Problem("checkpoint", where, "signature does not verify with keys/public-key.pem");
            if (checkpoint.Statement != Checkpointer.Statement(checkpoint.Seq, checkpoint.HeadHash, checkpoint.At, keyId))
                report.Problem("checkpoint", where, "statement does not match the checkpoint's sequence number, head, time or key");
            if (!hashes.TryGetValue(checkpoint.Seq, out var hash)) report.Problem("checkpoint", where, "signs a ledger entry that does not exist");
            else if (hash != checkpoint.HeadHash) report.Problem("checkpoint", where, $"signed head {checkpoint.HeadHash}, but entry {checkpoint.Seq} now hashes to {hash}");
            if (checkpoint.TimestampResponse is { } tsr)
            {
                try
                {
                    TimestampAuthority.Verify(tsr, statement);
                }
                catch (CryptographicException e)
                {
                    report.Problem("checkpoint", where, $"RFC 3161 timestamp does not verify: {e.Message}");
                }
            }
        }
    }
}
