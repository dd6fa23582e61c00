using System.Security.Cryptography;
using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Evidence.Verification;

/// <summary>
/// Recomputes everything an auditor relies on: every blob digest and that every blob the catalog
/// names is there, every WARC record's digests and that nothing else is in the WARC files, the
/// whole hash chain against the catalog's rows, every checkpoint signature and that checkpoints
/// cover the whole chain, and that the archive still extends checkpoints kept outside it. It only reads.
/// </summary>
internal sealed class ArchiveVerifier(Archive archive)
{
    private const int LedgerBatch = 5000;

    public Task<VerificationReport> VerifyAsync(Action<string>? progress, CancellationToken ct) => VerifyAsync(VerificationOptions.None, progress, ct);

    public async Task<VerificationReport> VerifyAsync(VerificationOptions options, Action<string>? progress, CancellationToken ct)
    {
        var report = new VerificationReport();
        progress?.Invoke("blobs");
        var blobs = await VerifyBlobsAsync(report, ct);
        progress?.Invoke("WARC records");
        await new WarcVerifier(archive, report).VerifyAsync(ct);
        progress?.Invoke("ledger");
        var ledger = await VerifyLedgerAsync(report, ct);
        foreach (var (name, subject) in ledger.Blobs)
            if (!blobs.Contains(name))
                report.Problem("blob", archive.Blobs.Locate(name), $"blob {name} is missing; {subject} refers to it");
        progress?.Invoke("checkpoints");
        await new CheckpointVerifier(archive, report, ledger).VerifyAsync(options, ct);
        return report;
    }

    /// <summary>Returns the name of every blob present, whole or as a delta.</summary>
    private async Task<HashSet<string>> VerifyBlobsAsync(VerificationReport report, CancellationToken ct)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var name in archive.Blobs.ListAsync(ct: ct))
        {
            var location = archive.Blobs.Locate(name);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                report.Warning("blob", location, "leftover of an interrupted write (not referenced)");
                continue;
            }
            report.Count("blobs");
            present.Add(name);
            await using var stream = await archive.Blobs.OpenReadAsync(name, ct: ct);
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (actual != name) report.Problem("blob", location, $"content does not match its name: SHA-256 is {actual}");
        }
        await foreach (var name in archive.Blobs.ListAsync(BlobDelta.Space, ct))
        {
            var location = archive.Blobs.Locate(name, BlobDelta.Space);
            if (name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                report.Warning("blob", location, "leftover of an interrupted write (not referenced)");
                continue;
            }
            report.Count("blobs");
            report.Count("blobDeltas");
            present.Add(name);
            if (await DeltaProblemAsync(name, ct) is { } problem) report.Problem("blob", location, problem);
        }
        return present;
    }

    /// <summary>What is wrong with a blob stored as a delta, or null when it rebuilds the body its name is the digest of.</summary>
    private async Task<string?> DeltaProblemAsync(string name, CancellationToken ct)
    {
        if (name.Length != 64 || !name.All(Uri.IsHexDigit)) return "not named by a SHA-256 digest";
        await using var stream = await archive.Blobs.OpenReadAsync(name, BlobDelta.Space, ct);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, ct);
        var where = archive.Blobs.Locate(name, BlobDelta.Space);
        try
        {
            await BlobDelta.ReconstructAsync(bytes.ToArray(), name, where, archive.Blobs.GetAsync, ct);
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            return $"delta does not rebuild the body its name is the digest of: {e.Message}";
        }
    }

    /// <summary>Walks the chain in order; returns what it learned: every entry's recomputed hash, the blobs and observations the rows name.</summary>
    private async Task<LedgerFacts> VerifyLedgerAsync(VerificationReport report, CancellationToken ct)
    {
        var facts = new LedgerFacts();
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
                facts.Hashes[entry.Seq] = actual;
                facts.Kinds[entry.Seq] = entry.Kind;
                try
                {
                    var (seq, prev, body) = LedgerChain.Parse(entry.Json);
                    if (seq != entry.Seq) report.Problem("ledger", where, $"its JSON says seq {seq}");
                    if (prev != previous) report.Problem("ledger", where, $"does not link to entry {entry.Seq - 1}: prev is {prev}, expected {previous}");
                    if (kinds.ContainsKey(entry.Kind)) kinds[entry.Kind]++;
                    var rebuilt = await RebuildAsync(entry, facts, ct);
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
        return facts;
    }

    /// <summary>The body the ledger entry should hold, rebuilt from the catalog; null when the row is gone.</summary>
    private async Task<string?> RebuildAsync(LedgerEntry entry, LedgerFacts facts, CancellationToken ct)
    {
        var subject = entry.Subject[(entry.Subject.IndexOf(':') + 1)..];
        switch (entry.Kind)
        {
            case "observation":
                var id = long.Parse(subject, System.Globalization.CultureInfo.InvariantCulture);
                // As recorded: after a rebuild, readers see versions of the new generation; the ledger keeps what was.
                var observation = await archive.Catalog.GetRecordedObservationAsync(id, ct);
                if (observation is null) return null;
                var warc = await archive.Catalog.GetWarcRecordsAsync(id, ct);
                facts.Observations[entry.Seq] = (observation.At, warc.Select(r => r.File).Distinct().ToList());
                facts.Refer(observation.SnapshotSha256, entry.Subject);
                return LedgerBodies.Observation(observation, warc);
            case "snapshot":
                var snapshot = await archive.Catalog.GetSnapshotAsync(long.Parse(subject, System.Globalization.CultureInfo.InvariantCulture), ct);
                if (snapshot is null) return null;
                foreach (var blob in new[] { snapshot.BodySha256, snapshot.DomSha256, snapshot.ScreenshotSha256 }
                             .Concat(snapshot.Parts.SelectMany(p => new[] { p.BodySha256, p.DomSha256 })))
                    facts.Refer(blob, entry.Subject);
                return LedgerBodies.Snapshot(snapshot);
            case "version":
                // version:DOC#N, or version:DOC#N@G for a history derived again (generation G).
                var at = subject.LastIndexOf('@');
                var generation = at > subject.LastIndexOf('#') ? int.Parse(subject[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture) : 0;
                var key = at > subject.LastIndexOf('#') ? subject[..at] : subject;
                var hash = key.LastIndexOf('#');
                var version = await archive.Catalog.GetVersionInGenerationAsync(key[..hash], int.Parse(key[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture), generation, ct);
                if (version is null) return null;
                facts.Refer(version.TextSha256, entry.Subject);
                facts.Refer(version.SnapshotSha256, entry.Subject);
                return LedgerBodies.Version(version);
            case "discovery":
                var discovery = await archive.Catalog.GetDiscoveryAsync(long.Parse(subject, System.Globalization.CultureInfo.InvariantCulture), ct);
                return discovery is null ? null : LedgerBodies.Discovery(discovery);
            case KeyRotation.Kind:
                // Its own record: the checkpoint checks read the keys and the old key's signature from it.
                var rotation = LedgerChain.Parse(entry.Json).Body;
                facts.Rotations[entry.Seq] = rotation;
                return rotation;
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
}
