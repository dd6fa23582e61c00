using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Evidence.Bundles;

/// <summary>
/// A self-contained zip proving what a document said at an instant: the raw snapshot and its WARC
/// records, the screenshot and text, every observation until the next version, the ledger entries
/// from them to a signed checkpoint, the public key, and a signed manifest — checkable with
/// <c>sha256sum</c> and <c>openssl</c> alone (VERIFY.md says how).
/// </summary>
internal sealed class EvidenceBundle(Archive archive, Checkpointer? checkpointer, TimeProvider time)
{
    public sealed record Result(DocumentVersion Version, Checkpoint Checkpoint, IReadOnlyList<string> Files, int Observations);

    /// <returns>Null when no version of the document had been captured at that instant.</returns>
    public async Task<Result?> CreateAsync(string document, DateTimeOffset at, string outputPath, CancellationToken ct)
    {
        var catalog = archive.Catalog;
        var version = await catalog.GetVersionAtAsync(document, at, ct);
        if (version is null) return null;
        var next = await catalog.GetVersionAsync(document, version.Number + 1, ct);
        var observations = (await catalog.GetObservationsAsync(document, ct))
            .Where(o => o.At >= version.CapturedAt && (next is null || o.At < next.CapturedAt))
            .ToList();
        var snapshot = await catalog.GetSnapshotAsync(version.ObservationId, ct)
                       ?? throw new InvalidDataException($"{document} v{version.Number}: its snapshot (observation {version.ObservationId}) is missing from the catalog");

        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var body = await archive.Blobs.GetAsync(snapshot.BodySha256, ct);
        var bodyName = $"snapshot/body{Extraction.BodyKind.Extension(snapshot.ContentType)}";
        files[bodyName] = body;
        if (snapshot.DomSha256 is { } dom) files["snapshot/dom.html"] = await archive.Blobs.GetAsync(dom, ct);
        string? screenshotName = null;
        if (snapshot.ScreenshotSha256 is { } shot)
        {
            var screenshot = await archive.Blobs.GetAsync(shot, ct);
            screenshotName = $"snapshot/screenshot{ScreenshotKind.Extension(ScreenshotKind.Of(screenshot))}";
            files[screenshotName] = screenshot;
        }
        files["text.txt"] = await archive.Blobs.GetAsync(version.TextSha256, ct);

        files["warc/capture.warc.gz"] = await WarcMembersAsync(version, snapshot, observations, ct);

        var subjects = new List<string> { LedgerBodies.VersionSubject(document, version.Number, version.Generation), LedgerBodies.SnapshotSubject(version.ObservationId) };
        subjects.AddRange(observations.Select(o => LedgerBodies.ObservationSubject(o.Id)));
        var involved = new List<LedgerEntry>();
        foreach (var subject in subjects)
            involved.Add(await catalog.GetLedgerEntryAsync(subject, ct) ?? throw new InvalidDataException($"ledger has no entry for {subject}"));
        files["observations.json"] = Encoding.UTF8.GetBytes(ObservationsJson(involved[2..])); // after the version's and the snapshot's entries
        var first = involved.Min(e => e.Seq);
        var last = involved.Max(e => e.Seq);
        // Signed by the key the bundle carries: after a key rotation, the rotation's checkpoint covers the older entries too.
        var checkpoint = (await catalog.GetCheckpointsAsync(ct)).FirstOrDefault(k => k.Seq >= last && PublishedCheckpoint.KeyOf(k.Statement) == archive.Key.PublicKeySha256)
                         ?? (checkpointer is null
                             ? throw new UnsignedEvidenceException($"{document} v{version.Number}: no signed checkpoint covers its ledger entries yet (the next capture round signs one)")
                             // A bundle records nothing: every entry is someone else's, signed only when the Checkpointer can vouch for it.
                             : await checkpointer.CheckpointAsync(await LedgerStart.ReadAsync(catalog, ct), ct))
                         ?? throw new InvalidOperationException("the ledger is empty");
        foreach (var entry in await catalog.GetLedgerAsync(first, checkpoint.Seq, ct))
            files[$"ledger/{entry.Seq:D10}.json"] = Encoding.UTF8.GetBytes(entry.Json);
        files["checkpoint.json"] = Encoding.UTF8.GetBytes(checkpoint.Statement);
        files["checkpoint.sig"] = checkpoint.Signature;
        if (checkpoint.TimestampResponse is { } tsr) files["checkpoint.tsr"] = tsr;
        files["public-key.pem"] = Encoding.UTF8.GetBytes(archive.Key.PublicKeyPem);

        var versionEntry = involved[0];
        files["VERIFY.md"] = Encoding.UTF8.GetBytes(VerifyGuide.Write(document, at, version, bodyName, screenshotName, versionEntry, checkpoint, files.ContainsKey("checkpoint.tsr")));
        files["SHA256SUMS"] = Encoding.UTF8.GetBytes(string.Concat(files.Select(f => $"{Sha256(f.Value)}  {f.Key}\n")));
        var manifest = Manifest(document, at, version, checkpoint, files);
        files["manifest.json"] = Encoding.UTF8.GetBytes(manifest);
        files["manifest.sig"] = archive.Key.Sign(files["manifest.json"]);

        await WriteZipAsync(outputPath, files, ct);
        return new Result(version, checkpoint, files.Keys.ToList(), observations.Count);
    }

    /// <summary>
    /// The capture's WARC records, copied byte for byte from the archive's files (each is its own
    /// gzip member, so their concatenation is a valid .warc.gz) except that a revisit of a
    /// delta-stored body becomes its standard response with the whole body (<see cref="DeltaRevisit"/>),
    /// since the bundle has no blob store to rebuild it from: the version's capture, resources
    /// recorded earlier with the same bytes, the originals that revisits point to, and the later
    /// observations that show the document unchanged.
    /// </summary>
    private async Task<byte[]> WarcMembersAsync(DocumentVersion version, Snapshot snapshot, IReadOnlyList<Observation> observations, CancellationToken ct)
    {
        var locations = new List<WarcRecordLocation>();
        foreach (var o in observations) locations.AddRange(await archive.Catalog.GetWarcRecordsAsync(o.Id, ct));
        foreach (var (role, sha) in new[] { ("screenshot", snapshot.ScreenshotSha256), ("dom", snapshot.DomSha256), ("text", version.TextSha256) })
            if (sha is not null && await archive.Catalog.FindBlockAsync(role, WarcDigest.Prefix + sha, ct) is { } resource) locations.Add(resource);
        foreach (var revisit in locations.Where(l => l.Type == "revisit").ToList())
            if (await archive.Catalog.FindPayloadAsync(revisit.PayloadDigest!, revisit.TargetUri, ct) is { } original) locations.Add(original);

        using var buffer = new MemoryStream();
        foreach (var l in locations.Where(l => l.Role != "warcinfo").DistinctBy(l => l.RecordId).OrderBy(l => l.Date).ThenBy(l => l.File).ThenBy(l => l.Offset))
            buffer.Write(await DeltaRevisit.StandardMemberAsync(await archive.WarcStore.ReadAsync(l.File, l.Offset, l.Length, ct), l, archive.Blobs.GetAsync, ct));
        return buffer.ToArray();
    }

    /// <summary>
    /// The observations as their ledger entries record them, byte for byte, so each can be found in
    /// <c>ledger/</c>. After a rebuild their version fields are those of the generation in force when
    /// they were recorded, not the catalog's current reading.
    /// </summary>
    private static string ObservationsJson(IEnumerable<LedgerEntry> entries) =>
        "[\n" + string.Join(",\n", entries.Select(e => LedgerChain.Parse(e.Json).Body)) + "\n]\n";

    private string Manifest(string document, DateTimeOffset at, DocumentVersion version, Checkpoint checkpoint, IReadOnlyDictionary<string, byte[]> files) =>
        CanonicalJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "policyarchiver-evidence");
            w.WriteString("document", document);
            w.WriteString("at", Instant.Format(at));
            w.WriteNumber("version", version.Number);
            w.WriteString("capturedAt", Instant.Format(version.CapturedAt));
            w.WriteString("textSha256", version.TextSha256);
            w.WriteString("snapshotSha256", version.SnapshotSha256);
            w.WriteNumber("checkpointSeq", checkpoint.Seq);
            w.WriteString("createdAt", Instant.Format(time.GetUtcNow()));
            w.WriteString("publicKeySha256", archive.Key.PublicKeySha256);
            w.WriteStartArray("files");
            foreach (var (path, bytes) in files)
            {
                w.WriteStartObject();
                w.WriteString("path", path);
                w.WriteString("sha256", Sha256(bytes));
                w.WriteNumber("size", bytes.Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static async Task WriteZipAsync(string outputPath, IReadOnlyDictionary<string, byte[]> files, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.tmp");
        await using (var stream = new FileStream(temp, FileMode.CreateNew))
        await using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (path, bytes) in files)
            {
                var entry = zip.CreateEntry($"evidence/{path}", CompressionLevel.Optimal);
                await using var s = await entry.OpenAsync(ct);
                await s.WriteAsync(bytes, ct);
            }
        }
        File.Move(temp, outputPath, overwrite: true);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
