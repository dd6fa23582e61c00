using System.Data.Common;
using System.Text.Json;
using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Storage.Relational;

/// <summary>Writing: captures, technical versions, rebuilt histories, discoveries and key rotations, each with its ledger entries.</summary>
internal abstract partial class RelationalCatalog
{
    public async Task<Observation> RecordAsync(CaptureRecord r, CancellationToken ct = default) => (await RecordAllAsync([r], ct))[0];

    public Task<IReadOnlyList<Observation>> RecordAllAsync(IReadOnlyList<CaptureRecord> records, CancellationToken ct = default) =>
        WriteAsync<IReadOnlyList<Observation>>(async (c, tx) =>
        {
            var observations = new List<Observation>(records.Count);
            foreach (var r in records) observations.Add(await RecordAsync(c, tx, r, ct));
            return observations;
        }, ct);

    private async Task<Observation> RecordAsync(DbConnection c, DbTransaction tx, CaptureRecord r, CancellationToken ct)
    {
        var generation = r.Version is { } v ? await EnsureNextVersionAsync(c, tx, r.Document, v.Number, ct) : 0;
        var versionNumber = r.Version is null ? await CurrentVersionAsync(c, tx, r, ct) : r.Version.Number;
        var id = Convert.ToInt64(await Sql.ScalarAsync(c, tx, """
            INSERT INTO observations (document, at, outcome, http_status, url, final_url, snapshot_sha256, new_version, version, detail, attempts, duration_ms, source)
            VALUES (@document, @at, @outcome, @status, @url, @final, @snapshot, @new, @version, @detail, @attempts, @duration, @source)
            RETURNING id
            """, ct,
            ("document", r.Document), ("at", CatalogTime.Write(r.At)), ("outcome", WriteOutcome(r.Outcome)), ("status", r.HttpStatus), ("url", r.Url),
            ("final", r.FinalUrl), ("snapshot", r.Snapshot?.BodySha256), ("new", r.Version is not null), ("version", versionNumber),
            ("detail", r.Detail), ("attempts", r.Attempts), ("duration", r.DurationMs), ("source", r.Source)));

        // The rows depend on nothing but the observation's id: one round trip for all of them where the database batches.
        var rows = new List<Statement>();
        Snapshot? snapshot = null;
        if (r.Snapshot is { } s)
        {
            snapshot = new Snapshot(id, s.BodySha256, s.BodySize, s.ContentType, s.Charset, s.HttpStatus, s.FinalUrl, s.Headers, s.DomSha256, s.ScreenshotSha256)
            {
                Parts = s.Parts,
            };
            rows.Add(new("""
                INSERT INTO snapshots (observation_id, body_sha256, body_size, content_type, charset, http_status, final_url, headers, dom_sha256, screenshot_sha256)
                VALUES (@id, @body, @size, @type, @charset, @status, @final, @headers, @dom, @shot)
                """,
                ("id", id), ("body", s.BodySha256), ("size", s.BodySize), ("type", s.ContentType), ("charset", s.Charset), ("status", s.HttpStatus),
                ("final", s.FinalUrl), ("headers", JsonSerializer.Serialize(s.Headers)), ("dom", s.DomSha256), ("shot", s.ScreenshotSha256)));
            for (var i = 0; i < s.Parts.Count; i++)
                rows.Add(new("""
                    INSERT INTO snapshot_parts (observation_id, part, url, body_sha256, content_type, dom_sha256) VALUES (@id, @part, @url, @body, @type, @dom)
                    """,
                    ("id", id), ("part", i + 1), ("url", s.Parts[i].Url), ("body", s.Parts[i].BodySha256), ("type", s.Parts[i].ContentType), ("dom", s.Parts[i].DomSha256)));
        }

        DocumentVersion? recorded = null;
        if (r.Version is { } nv)
        {
            if (r.Snapshot is null) throw new InvalidOperationException("a version needs the snapshot it was extracted from");
            recorded = new DocumentVersion(r.Document, nv.Number, r.At, nv.TextSha256, r.Snapshot.BodySha256, id,
                nv.Added, nv.Removed, nv.Extractor, nv.Rules, nv.Technical, nv.Ocr, generation);
            rows.AddRange(VersionRows(recorded, nv));
        }

        foreach (var w in r.Warc)
            rows.Add(new("""
                INSERT INTO warc_records (observation_id, record_id, type, role, target_uri, date, file, "offset", length, block_digest, payload_digest)
                VALUES (@id, @record, @type, @role, @uri, @date, @file, @offset, @length, @block, @payload)
                """,
                ("id", id), ("record", w.RecordId), ("type", w.Type), ("role", w.Role), ("uri", w.TargetUri), ("date", CatalogTime.Write(w.Date)),
                ("file", w.File), ("offset", w.Offset), ("length", w.Length), ("block", w.BlockDigest), ("payload", w.PayloadDigest)));
        await WriteRowsAsync(c, tx, rows, recorded, ct);

        var observation = new Observation(id, r.Document, r.At, r.Outcome, r.HttpStatus, r.Url, r.FinalUrl, r.Snapshot?.BodySha256,
            r.Version is not null, versionNumber, r.Detail, r.Attempts, r.DurationMs, r.Source);
        // The ledger grows in the same transaction as the rows it covers: there is never a row
        // without its entry, nor an entry without its row.
        await AppendLedgerAsync(c, tx, LedgerPlan.Capture(observation, r.Warc, snapshot, recorded), ct);
        return observation;
    }

    public Task<DocumentVersion> RecordTechnicalVersionAsync(string document, long observationId, string snapshotSha256, DateTimeOffset at, NewVersion version, CancellationToken ct = default)
    {
        if (!version.Technical) throw new ArgumentException("only technical versions are recorded without an observation", nameof(version));
        return WriteAsync(async (c, tx) =>
        {
            var generation = await EnsureNextVersionAsync(c, tx, document, version.Number, ct);
            var recorded = new DocumentVersion(document, version.Number, at, version.TextSha256, snapshotSha256, observationId,
                version.Added, version.Removed, version.Extractor, version.Rules, true, version.Ocr, generation);
            await WriteRowsAsync(c, tx, VersionRows(recorded, version).ToList(), recorded, ct);
            await AppendLedgerAsync(c, tx, [LedgerPlan.Version(recorded)], ct);
            return recorded;
        }, ct);
    }

    public Task<IReadOnlyList<DocumentVersion>> RebuildVersionsAsync(string document, IReadOnlyList<DerivedVersion> versions, string reason, CancellationToken ct = default) =>
        WriteAsync<IReadOnlyList<DocumentVersion>>(async (c, tx) =>
        {
            var generation = Convert.ToInt32(await Sql.ScalarAsync(c, tx, $"SELECT {Generation} + 1", ct, ("d", document)));
            await Sql.ExecAsync(c, tx, "INSERT INTO generations (document, generation) VALUES (@d, @g) ON CONFLICT (document) DO UPDATE SET generation = @g", ct,
                ("d", document), ("g", generation));
            var recorded = versions.Select(d => new DocumentVersion(document, d.Version.Number, d.At, d.Version.TextSha256, d.SnapshotSha256, d.ObservationId,
                d.Version.Added, d.Version.Removed, d.Version.Extractor, d.Version.Rules, d.Version.Technical, d.Version.Ocr, generation)).ToList();
            await WriteRowsAsync(c, tx, recorded.SelectMany((v, i) => VersionRows(v, versions[i].Version)).ToList(), null, ct);
            await AppendLedgerAsync(c, tx, LedgerPlan.Rebuild(document, generation, reason, recorded), ct);
            return recorded;
        }, ct);

    public Task<DiscoveryRecord> RecordDiscoveryAsync(string company, DateTimeOffset at, string outcome, string json, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) =>
        {
            var id = Convert.ToInt64(await Sql.ScalarAsync(c, tx, "INSERT INTO discoveries (company, at, outcome, json) VALUES (@c, @at, @o, @j) RETURNING id", ct,
                ("c", company), ("at", CatalogTime.Write(at)), ("o", outcome), ("j", json)));
            var record = new DiscoveryRecord(id, company, at, outcome, json);
            await AppendLedgerAsync(c, tx, [LedgerPlan.Discovery(record)], ct);
            return record;
        }, ct);

    public Task<LedgerEntry> RecordKeyRotationAsync(KeyRotation rotation, CancellationToken ct = default) =>
        WriteAsync((c, tx) => AppendLedgerAsync(c, tx, [LedgerPlan.KeyRotation(rotation)], ct), ct);

    /// <summary>The document's current generation of versions, as SQL over the parameter <c>@d</c>.</summary>
    private const string Generation = "COALESCE((SELECT g.generation FROM generations g WHERE g.document = @d), 0)";

    /// <summary>
    /// Inside the write transaction (so under the write lock): is <paramref name="number"/> still
    /// the next version of the document? Returns the document's current generation.
    /// </summary>
    private static async Task<int> EnsureNextVersionAsync(DbConnection c, DbTransaction tx, string document, int number, CancellationToken ct)
    {
        var (latest, generation) = (await Sql.QueryAsync(c, tx, $"SELECT COALESCE(MAX(number), 0), {Generation} FROM versions WHERE document = @d AND generation = {Generation}",
            r => (r.GetInt32(0), r.GetInt32(1)), ct, ("d", document)))[0];
        if (latest != number - 1) throw new VersionConflictException(document, number);
        return generation;
    }

    /// <summary>The version an observation without a new version is evidence for (null for failures and imports).</summary>
    private static async Task<int?> CurrentVersionAsync(DbConnection c, DbTransaction tx, CaptureRecord r, CancellationToken ct)
    {
        // An ok observation that found the same text is evidence for the version in force.
        if (r.Snapshot is null || r.Source is not null) return null; // imported: its version is assigned when history is derived
        return await Sql.ScalarAsync(c, tx, $"SELECT MAX(number) FROM versions WHERE document = @d AND generation = {Generation}", ct, ("d", r.Document)) is { } n
            ? Convert.ToInt32(n)
            : null;
    }

    /// <summary>A version row, and the change from the version before it.</summary>
    private static IEnumerable<Statement> VersionRows(DocumentVersion v, NewVersion counts)
    {
        yield return new("""
            INSERT INTO versions (document, generation, number, captured_at, text_sha256, snapshot_sha256, observation_id, added, removed, extractor, rules, technical, ocr)
            VALUES (@document, @generation, @number, @at, @text, @snapshot, @id, @added, @removed, @extractor, @rules, @technical, @ocr)
            """,
            ("document", v.Document), ("generation", v.Generation), ("number", v.Number), ("at", CatalogTime.Write(v.CapturedAt)), ("text", v.TextSha256),
            ("snapshot", v.SnapshotSha256), ("id", v.ObservationId), ("added", v.Added), ("removed", v.Removed), ("extractor", v.Extractor),
            ("rules", v.Rules), ("technical", v.Technical), ("ocr", v.Ocr));
        if (v.Number > 1)
            yield return new("""
                INSERT INTO changes (document, generation, from_version, to_version, at, lines_added, lines_removed, words_added, words_removed, technical)
                VALUES (@document, @generation, @from, @to, @at, @la, @lr, @wa, @wr, @technical)
                """,
                ("document", v.Document), ("generation", v.Generation), ("from", v.Number - 1), ("to", v.Number), ("at", CatalogTime.Write(v.CapturedAt)),
                ("la", counts.Added), ("lr", counts.Removed), ("wa", counts.WordsAdded), ("wr", counts.WordsRemoved), ("technical", v.Technical));
    }
}
