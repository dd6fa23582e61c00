using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Storage;

/// <summary>The embedded catalog: one SQLite file, <c>archive/catalog.db</c>, in WAL mode.</summary>
public sealed class SqliteCatalog(string path, bool readOnly = false) : ICatalog
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

    /// <summary>A catalog that is only read: its file is never modified.</summary>
    public static SqliteCatalog ReadOnly(string path) => new(path, readOnly: true);

    public string Path { get; } = path;

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        await using var c = await OpenAsync(ct);
        await ExecAsync(c, "PRAGMA journal_mode=WAL;", ct);
        await ExecAsync(c, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);", ct);
        for (var v = 1; v <= SqliteSchema.Migrations.Count; v++)
        {
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(ct);
            await using (var check = Command(c, "SELECT COUNT(*) FROM schema_migrations WHERE version = $v", tx))
            {
                check.Parameters.AddWithValue("$v", v);
                if ((long)(await check.ExecuteScalarAsync(ct))! > 0) continue;
            }
            await ExecAsync(c, SqliteSchema.Migrations[v - 1], ct, tx);
            await using (var mark = Command(c, "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $at)", tx))
            {
                mark.Parameters.AddWithValue("$v", v);
                mark.Parameters.AddWithValue("$at", Time(DateTimeOffset.UtcNow));
                await mark.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
    }

    public async Task<Observation> RecordAsync(CaptureRecord r, CancellationToken ct = default) => (await RecordAllAsync([r], ct))[0];

    public async Task<IReadOnlyList<Observation>> RecordAllAsync(IReadOnlyList<CaptureRecord> records, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        // IMMEDIATE takes the write lock up front, so the latest-version check and the insert
        // below cannot interleave with another writer.
        await using var tx = c.BeginTransaction(deferred: false);
        var observations = new List<Observation>(records.Count);
        foreach (var r in records) observations.Add(await RecordAsync(c, tx, r, ct));
        await tx.CommitAsync(ct);
        return observations;
    }

    private static async Task<Observation> RecordAsync(SqliteConnection c, SqliteTransaction tx, CaptureRecord r, CancellationToken ct)
    {

        var generation = r.Version is { } v ? await EnsureNextVersionAsync(c, tx, r.Document, v.Number, ct) : 0;

        long id;
        var versionNumber = r.Version is null ? await CurrentVersionAsync(c, tx, r, ct) : r.Version.Number;
        await using (var obs = Command(c, """
            INSERT INTO observations (document, at, outcome, http_status, url, final_url, snapshot_sha256, new_version, version, detail, attempts, duration_ms, source)
            VALUES ($document, $at, $outcome, $status, $url, $final, $snapshot, $new, $version, $detail, $attempts, $duration, $source)
            RETURNING id
            """, tx))
        {
            obs.Parameters.AddWithValue("$document", r.Document);
            obs.Parameters.AddWithValue("$at", Time(r.At));
            obs.Parameters.AddWithValue("$outcome", r.Outcome.ToWire());
            obs.Parameters.AddWithValue("$status", (object?)r.HttpStatus ?? DBNull.Value);
            obs.Parameters.AddWithValue("$url", r.Url);
            obs.Parameters.AddWithValue("$final", (object?)r.FinalUrl ?? DBNull.Value);
            obs.Parameters.AddWithValue("$snapshot", (object?)r.Snapshot?.BodySha256 ?? DBNull.Value);
            obs.Parameters.AddWithValue("$new", r.Version is null ? 0 : 1);
            obs.Parameters.AddWithValue("$version", versionNumber);
            obs.Parameters.AddWithValue("$detail", (object?)r.Detail ?? DBNull.Value);
            obs.Parameters.AddWithValue("$attempts", r.Attempts);
            obs.Parameters.AddWithValue("$duration", r.DurationMs);
            obs.Parameters.AddWithValue("$source", (object?)r.Source ?? DBNull.Value);
            id = (long)(await obs.ExecuteScalarAsync(ct))!;
        }

        if (r.Snapshot is { } s)
        {
            await using var snap = Command(c, """
                INSERT INTO snapshots (observation_id, body_sha256, body_size, content_type, charset, http_status, final_url, headers, dom_sha256, screenshot_sha256)
                VALUES ($id, $body, $size, $type, $charset, $status, $final, $headers, $dom, $shot)
                """, tx);
            snap.Parameters.AddWithValue("$id", id);
            snap.Parameters.AddWithValue("$body", s.BodySha256);
            snap.Parameters.AddWithValue("$size", s.BodySize);
            snap.Parameters.AddWithValue("$type", s.ContentType);
            snap.Parameters.AddWithValue("$charset", (object?)s.Charset ?? DBNull.Value);
            snap.Parameters.AddWithValue("$status", s.HttpStatus);
            snap.Parameters.AddWithValue("$final", s.FinalUrl);
            snap.Parameters.AddWithValue("$headers", JsonSerializer.Serialize(s.Headers));
            snap.Parameters.AddWithValue("$dom", (object?)s.DomSha256 ?? DBNull.Value);
            snap.Parameters.AddWithValue("$shot", (object?)s.ScreenshotSha256 ?? DBNull.Value);
            await snap.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < s.Parts.Count; i++)
            {
                await using var part = Command(c, """
                    INSERT INTO snapshot_parts (observation_id, part, url, body_sha256, content_type, dom_sha256) VALUES ($id, $part, $url, $body, $type, $dom)
                    """, tx);
                part.Parameters.AddWithValue("$id", id);
                part.Parameters.AddWithValue("$part", i + 1);
                part.Parameters.AddWithValue("$url", s.Parts[i].Url);
                part.Parameters.AddWithValue("$body", s.Parts[i].BodySha256);
                part.Parameters.AddWithValue("$type", s.Parts[i].ContentType);
                part.Parameters.AddWithValue("$dom", (object?)s.Parts[i].DomSha256 ?? DBNull.Value);
                await part.ExecuteNonQueryAsync(ct);
            }
        }

        DocumentVersion? recorded = null;
        if (r.Version is { } nv)
        {
            if (r.Snapshot is null) throw new InvalidOperationException("a version needs the snapshot it was extracted from");
            recorded = new DocumentVersion(r.Document, nv.Number, r.At, nv.TextSha256, r.Snapshot.BodySha256, id,
                nv.Added, nv.Removed, nv.Extractor, nv.Rules, nv.Technical, nv.Ocr, generation);
            await InsertVersionAsync(c, tx, recorded, nv, ct);
        }

        foreach (var w in r.Warc)
        {
            await using var rec = Command(c, """
                INSERT INTO warc_records (observation_id, record_id, type, role, target_uri, date, file, offset, length, block_digest, payload_digest)
                VALUES ($id, $record, $type, $role, $uri, $date, $file, $offset, $length, $block, $payload)
                """, tx);
            rec.Parameters.AddWithValue("$id", id);
            rec.Parameters.AddWithValue("$record", w.RecordId);
            rec.Parameters.AddWithValue("$type", w.Type);
            rec.Parameters.AddWithValue("$role", w.Role);
            rec.Parameters.AddWithValue("$uri", w.TargetUri);
            rec.Parameters.AddWithValue("$date", Time(w.Date));
            rec.Parameters.AddWithValue("$file", w.File);
            rec.Parameters.AddWithValue("$offset", w.Offset);
            rec.Parameters.AddWithValue("$length", w.Length);
            rec.Parameters.AddWithValue("$block", w.BlockDigest);
            rec.Parameters.AddWithValue("$payload", (object?)w.PayloadDigest ?? DBNull.Value);
            await rec.ExecuteNonQueryAsync(ct);
        }

        var observation = new Observation(id, r.Document, r.At, r.Outcome, r.HttpStatus, r.Url, r.FinalUrl, r.Snapshot?.BodySha256,
            r.Version is not null, versionNumber is DBNull ? null : Convert.ToInt32(versionNumber), r.Detail, r.Attempts, r.DurationMs, r.Source);
        // The ledger grows in the same transaction as the rows it covers: there is never a row
        // without its entry, nor an entry without its row.
        await AppendLedgerAsync(c, tx, "observation", LedgerBodies.ObservationSubject(id), LedgerBodies.Observation(observation, r.Warc), ct);
        if (r.Snapshot is { } sn)
        {
            var snapshot = new Snapshot(id, sn.BodySha256, sn.BodySize, sn.ContentType, sn.Charset, sn.HttpStatus, sn.FinalUrl, sn.Headers, sn.DomSha256, sn.ScreenshotSha256)
            {
                Parts = sn.Parts,
            };
            await AppendLedgerAsync(c, tx, "snapshot", LedgerBodies.SnapshotSubject(id), LedgerBodies.Snapshot(snapshot), ct);
        }
        if (recorded is not null)
            await AppendLedgerAsync(c, tx, "version", LedgerBodies.VersionSubject(r.Document, recorded.Number, recorded.Generation), LedgerBodies.Version(recorded), ct);

        return observation;
    }

    public async Task<DocumentVersion> RecordTechnicalVersionAsync(string document, long observationId, string snapshotSha256, DateTimeOffset at, NewVersion version, CancellationToken ct = default)
    {
        if (!version.Technical) throw new ArgumentException("only technical versions are recorded without an observation", nameof(version));
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction(deferred: false);
        var generation = await EnsureNextVersionAsync(c, tx, document, version.Number, ct);
        var recorded = new DocumentVersion(document, version.Number, at, version.TextSha256, snapshotSha256, observationId,
            version.Added, version.Removed, version.Extractor, version.Rules, true, version.Ocr, generation);
        await InsertVersionAsync(c, tx, recorded, version, ct);
        await AppendLedgerAsync(c, tx, "version", LedgerBodies.VersionSubject(document, version.Number, generation), LedgerBodies.Version(recorded), ct);
        await tx.CommitAsync(ct);
        return recorded;
    }

    /// <summary>The document's current generation of versions, as SQL over the parameter <c>$d</c>.</summary>
    private const string Generation = "COALESCE((SELECT g.generation FROM generations g WHERE g.document = $d), 0)";

    /// <summary>
    /// Inside the write transaction: is <paramref name="number"/> still the next version of the
    /// document? Returns the document's current generation.
    /// </summary>
    private static async Task<int> EnsureNextVersionAsync(SqliteConnection c, SqliteTransaction tx, string document, int number, CancellationToken ct)
    {
        await using var latest = Command(c, $"SELECT COALESCE(MAX(number), 0), {Generation} FROM versions WHERE document = $d AND generation = {Generation}", tx);
        latest.Parameters.AddWithValue("$d", document);
        await using var reader = await latest.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.GetInt64(0) != number - 1) throw new VersionConflictException(document, number);
        return reader.GetInt32(1);
    }

    /// <summary>A version row, and the change from the version before it.</summary>
    private static async Task InsertVersionAsync(SqliteConnection c, SqliteTransaction tx, DocumentVersion v, NewVersion counts, CancellationToken ct)
    {
        await using (var ver = Command(c, """
            INSERT INTO versions (document, generation, number, captured_at, text_sha256, snapshot_sha256, observation_id, added, removed, extractor, rules, technical, ocr)
            VALUES ($document, $generation, $number, $at, $text, $snapshot, $id, $added, $removed, $extractor, $rules, $technical, $ocr)
            """, tx))
        {
            ver.Parameters.AddWithValue("$generation", v.Generation);
            ver.Parameters.AddWithValue("$document", v.Document);
            ver.Parameters.AddWithValue("$number", v.Number);
            ver.Parameters.AddWithValue("$at", Time(v.CapturedAt));
            ver.Parameters.AddWithValue("$text", v.TextSha256);
            ver.Parameters.AddWithValue("$snapshot", v.SnapshotSha256);
            ver.Parameters.AddWithValue("$id", v.ObservationId);
            ver.Parameters.AddWithValue("$added", v.Added);
            ver.Parameters.AddWithValue("$removed", v.Removed);
            ver.Parameters.AddWithValue("$extractor", v.Extractor);
            ver.Parameters.AddWithValue("$rules", v.Rules);
            ver.Parameters.AddWithValue("$technical", v.Technical ? 1 : 0);
            ver.Parameters.AddWithValue("$ocr", v.Ocr ? 1 : 0);
            await ver.ExecuteNonQueryAsync(ct);
        }
        if (v.Number == 1) return;
        await using var ch = Command(c, """
            INSERT INTO changes (document, generation, from_version, to_version, at, lines_added, lines_removed, words_added, words_removed, technical)
            VALUES ($document, $generation, $from, $to, $at, $la, $lr, $wa, $wr, $technical)
            """, tx);
        ch.Parameters.AddWithValue("$generation", v.Generation);
        ch.Parameters.AddWithValue("$document", v.Document);
        ch.Parameters.AddWithValue("$from", v.Number - 1);
        ch.Parameters.AddWithValue("$to", v.Number);
        ch.Parameters.AddWithValue("$at", Time(v.CapturedAt));
        ch.Parameters.AddWithValue("$la", counts.Added);
        ch.Parameters.AddWithValue("$lr", counts.Removed);
        ch.Parameters.AddWithValue("$wa", counts.WordsAdded);
        ch.Parameters.AddWithValue("$wr", counts.WordsRemoved);
        ch.Parameters.AddWithValue("$technical", v.Technical ? 1 : 0);
        await ch.ExecuteNonQueryAsync(ct);
    }

    private static async Task AppendLedgerAsync(SqliteConnection c, SqliteTransaction tx, string kind, string subject, string body, CancellationToken ct)
    {
        long seq = 1;
        var previous = LedgerChain.Genesis;
        await using (var head = Command(c, "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1", tx))
        await using (var reader = await head.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                seq = reader.GetInt64(0) + 1;
                previous = reader.GetString(1);
            }
        }
        var entry = LedgerChain.Link(seq, previous, kind, subject, body);
        await using var insert = Command(c, "INSERT INTO ledger (seq, kind, subject, json, hash) VALUES ($seq, $kind, $subject, $json, $hash)", tx);
        insert.Parameters.AddWithValue("$seq", entry.Seq);
        insert.Parameters.AddWithValue("$kind", entry.Kind);
        insert.Parameters.AddWithValue("$subject", entry.Subject);
        insert.Parameters.AddWithValue("$json", entry.Json);
        insert.Parameters.AddWithValue("$hash", entry.Hash);
        await insert.ExecuteNonQueryAsync(ct);
    }

    public async Task<DateTimeOffset?> GetLastObservationAtAsync(string document, CancellationToken ct = default) =>
        (await QueryAsync("SELECT MAX(at) FROM observations WHERE document = $d", r => r.IsDBNull(0) ? (DateTimeOffset?)null : ParseTime(r.GetString(0)), ct, ("$d", document)))[0];

    public async Task<Availability> GetAvailabilityAsync(string document, CancellationToken ct = default)
    {
        var last = (await QueryAsync(ObservationSql.Current + "WHERE o.document = $d ORDER BY o.at DESC, o.id DESC LIMIT 1", ReadObservation, ct, ("$d", document))).FirstOrDefault();
        var lastOk = (await QueryAsync("SELECT MAX(at) FROM observations WHERE document = $d AND outcome = 'ok'",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : ParseTime(r.GetString(0)), ct, ("$d", document)))[0];
        var versions = (int)(await QueryAsync($"SELECT COUNT(*) FROM versions WHERE document = $d AND generation = {Generation}", r => r.GetInt64(0), ct, ("$d", document)))[0];
        if (last is null) return new Availability(document, null, null, null, 0, versions);
        // The streak: every attempt since the last one that went the other way (ok versus failing).
        var breakSql = last.Outcome == Outcome.Ok
            ? "SELECT MAX(at) FROM observations WHERE document = $d AND outcome <> 'ok'"
            : "SELECT MAX(at) FROM observations WHERE document = $d AND outcome = 'ok'";
        var brokenAt = (await QueryAsync(breakSql, r => r.IsDBNull(0) ? null : r.GetString(0), ct, ("$d", document)))[0];
        var (count, since) = (await QueryAsync("SELECT COUNT(*), MIN(at) FROM observations WHERE document = $d AND at > $after",
            r => (r.GetInt32(0), r.IsDBNull(1) ? (DateTimeOffset?)null : ParseTime(r.GetString(1))), ct, ("$d", document), ("$after", brokenAt ?? "")))[0];
        return new Availability(document, last, lastOk, since, count, versions);
    }

    public async Task<IReadOnlyDictionary<string, Observation>> GetLastAttemptsAsync(CancellationToken ct = default) =>
        (await QueryAsync(ObservationSql.Current + ObservationSql.LastOfEachDocument, ReadObservation, ct)).ToDictionary(o => o.Document, StringComparer.Ordinal);

    public async Task<Observation?> GetObservationAsync(long id, CancellationToken ct = default) =>
        (await QueryAsync(ObservationSql.Current + "WHERE o.id = $id", ReadObservation, ct, ("$id", id))).FirstOrDefault();

    public async Task<Observation?> GetRecordedObservationAsync(long id, CancellationToken ct = default) =>
        (await QueryAsync(ObservationSql.Recorded + "WHERE o.id = $id", ReadObservation, ct, ("$id", id))).FirstOrDefault();

    private const string WarcSelect =
        "SELECT record_id, type, role, target_uri, date, file, offset, length, block_digest, payload_digest FROM warc_records ";

    private static WarcRecordLocation ReadWarc(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ParseTime(r.GetString(4)), r.GetString(5),
        r.GetInt64(6), r.GetInt64(7), r.GetString(8), NullableString(r, 9));

    public async Task<IReadOnlyList<WarcRecordLocation>> GetWarcRecordsAsync(long observationId, CancellationToken ct = default) =>
        await QueryAsync(WarcSelect + "WHERE observation_id = $id ORDER BY id", ReadWarc, ct, ("$id", observationId));

    public async Task<IReadOnlyList<WarcRecordLocation>> GetAllWarcRecordsAsync(CancellationToken ct = default) =>
        await QueryAsync(WarcSelect + "ORDER BY file, offset", ReadWarc, ct);

    public async Task<WarcRecordLocation?> FindResponseAsync(string targetUri, string payloadDigest, CancellationToken ct = default) =>
        (await QueryAsync(WarcSelect + "WHERE payload_digest = $p AND target_uri = $u AND type = 'response' ORDER BY id LIMIT 1", ReadWarc, ct,
            ("$p", payloadDigest), ("$u", targetUri))).FirstOrDefault();

    public async Task<WarcRecordLocation?> FindBlockAsync(string role, string blockDigest, CancellationToken ct = default) =>
        (await QueryAsync(WarcSelect + "WHERE block_digest = $b AND role = $r ORDER BY id LIMIT 1", ReadWarc, ct,
            ("$b", blockDigest), ("$r", role))).FirstOrDefault();

    private const string LedgerSelect = "SELECT seq, kind, subject, json, hash FROM ledger ";

    private static LedgerEntry ReadLedger(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4));

    public async Task<LedgerEntry?> GetLedgerHeadAsync(CancellationToken ct = default) =>
        (await QueryAsync(LedgerSelect + "ORDER BY seq DESC LIMIT 1", ReadLedger, ct)).FirstOrDefault();

    public async Task<LedgerEntry?> GetLedgerEntryAsync(string subject, CancellationToken ct = default) =>
        (await QueryAsync(LedgerSelect + "WHERE subject = $s", ReadLedger, ct, ("$s", subject))).FirstOrDefault();

    public async Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(long fromSeq, long toSeq, CancellationToken ct = default) =>
        await QueryAsync(LedgerSelect + "WHERE seq >= $from AND seq <= $to ORDER BY seq", ReadLedger, ct, ("$from", fromSeq), ("$to", toSeq));

    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken ct = default)
    {
        var counts = new Dictionary<string, long>();
        foreach (var (kind, table) in new[] { ("observation", "observations"), ("snapshot", "snapshots"), ("version", "versions"), ("discovery", "discoveries") })
            counts[kind] = (await QueryAsync($"SELECT COUNT(*) FROM {table}", r => r.GetInt64(0), ct))[0];
        return counts;
    }

    public async Task AddCheckpointAsync(Checkpoint k, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var cmd = Command(c, """
            INSERT OR IGNORE INTO checkpoints (seq, at, head_hash, statement, signature, timestamp_response, tsa_url)
            VALUES ($seq, $at, $head, $statement, $signature, $tsr, $tsa)
            """);
        cmd.Parameters.AddWithValue("$seq", k.Seq);
        cmd.Parameters.AddWithValue("$at", Time(k.At));
        cmd.Parameters.AddWithValue("$head", k.HeadHash);
        cmd.Parameters.AddWithValue("$statement", k.Statement);
        cmd.Parameters.AddWithValue("$signature", k.Signature);
        cmd.Parameters.AddWithValue("$tsr", (object?)k.TimestampResponse ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$tsa", (object?)k.TsaUrl ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<Checkpoint>> GetCheckpointsAsync(CancellationToken ct = default) =>
        await QueryAsync("SELECT seq, at, head_hash, statement, signature, timestamp_response, tsa_url FROM checkpoints ORDER BY seq",
            r => new Checkpoint(r.GetInt64(0), ParseTime(r.GetString(1)), r.GetString(2), r.GetString(3), (byte[])r[4],
                r.IsDBNull(5) ? null : (byte[])r[5], NullableString(r, 6)), ct);

    private static async Task<object> CurrentVersionAsync(SqliteConnection c, SqliteTransaction tx, CaptureRecord r, CancellationToken ct)
    {
        // An ok observation that found the same text is evidence for the version in force.
        if (r.Snapshot is null || r.Source is not null) return DBNull.Value; // imported: its version is assigned when history is derived
        await using var q = Command(c, $"SELECT MAX(number) FROM versions WHERE document = $d AND generation = {Generation}", tx);
        q.Parameters.AddWithValue("$d", r.Document);
        return await q.ExecuteScalarAsync(ct) ?? DBNull.Value;
    }

    public Task<DocumentVersion?> GetLatestVersionAsync(string document, CancellationToken ct = default) =>
        SingleVersionAsync($"WHERE document = $d AND generation = {Generation} ORDER BY number DESC LIMIT 1", ct, ("$d", document));

    public Task<DocumentVersion?> GetVersionAsync(string document, int number, CancellationToken ct = default) =>
        SingleVersionAsync($"WHERE document = $d AND generation = {Generation} AND number = $n", ct, ("$d", document), ("$n", number));

    public Task<DocumentVersion?> GetVersionAtAsync(string document, DateTimeOffset at, CancellationToken ct = default) =>
        SingleVersionAsync($"WHERE document = $d AND generation = {Generation} AND captured_at <= $at ORDER BY captured_at DESC, number DESC LIMIT 1", ct, ("$d", document), ("$at", Time(at)));

    public async Task<IReadOnlyList<DocumentVersion>> GetVersionsAsync(string document, CancellationToken ct = default) =>
        await QueryAsync(VersionSelect + $"WHERE document = $d AND generation = {Generation} ORDER BY number", ReadVersion, ct, ("$d", document));

    public async Task<bool> HasSourceAsync(string document, string source, CancellationToken ct = default) =>
        (await QueryAsync("SELECT COUNT(*) FROM observations WHERE document = $d AND source = $s", r => r.GetInt64(0), ct, ("$d", document), ("$s", source)))[0] > 0;

    public Task<DocumentVersion?> GetVersionInGenerationAsync(string document, int number, int generation, CancellationToken ct = default) =>
        SingleVersionAsync("WHERE document = $d AND generation = $g AND number = $n", ct, ("$d", document), ("$g", generation), ("$n", number));

    public async Task<int> GetGenerationAsync(string document, CancellationToken ct = default) =>
        (int)(await QueryAsync($"SELECT {Generation}", r => r.GetInt64(0), ct, ("$d", document)))[0];

    public async Task<IReadOnlyList<DocumentVersion>> RebuildVersionsAsync(string document, IReadOnlyList<DerivedVersion> versions, string reason, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction(deferred: false);
        int generation;
        await using (var next = Command(c, $"SELECT {Generation} + 1", tx))
        {
            next.Parameters.AddWithValue("$d", document);
            generation = Convert.ToInt32(await next.ExecuteScalarAsync(ct));
        }
        await using (var set = Command(c, "INSERT INTO generations (document, generation) VALUES ($d, $g) ON CONFLICT (document) DO UPDATE SET generation = $g", tx))
        {
            set.Parameters.AddWithValue("$d", document);
            set.Parameters.AddWithValue("$g", generation);
            await set.ExecuteNonQueryAsync(ct);
        }
        await AppendLedgerAsync(c, tx, "rebuild", LedgerBodies.RebuildSubject(document, generation), LedgerBodies.Rebuild(document, generation, reason), ct);
        var recorded = new List<DocumentVersion>();
        foreach (var d in versions)
        {
            var v = new DocumentVersion(document, d.Version.Number, d.At, d.Version.TextSha256, d.SnapshotSha256, d.ObservationId,
                d.Version.Added, d.Version.Removed, d.Version.Extractor, d.Version.Rules, d.Version.Technical, d.Version.Ocr, generation);
            await InsertVersionAsync(c, tx, v, d.Version, ct);
            await AppendLedgerAsync(c, tx, "version", LedgerBodies.VersionSubject(document, v.Number, generation), LedgerBodies.Version(v), ct);
            recorded.Add(v);
        }
        await tx.CommitAsync(ct);
        return recorded;
    }

    public async Task<IReadOnlyList<Observation>> GetObservationsAsync(string document, CancellationToken ct = default) =>
        await QueryAsync(ObservationSql.Current + "WHERE o.document = $d ORDER BY o.at, o.id", ReadObservation, ct, ("$d", document));

    public async Task<IReadOnlyList<Change>> GetChangesAsync(string document, CancellationToken ct = default) =>
        await QueryAsync($"""
            SELECT document, from_version, to_version, at, lines_added, lines_removed, words_added, words_removed, technical
            FROM changes WHERE document = $d AND generation = {Generation} ORDER BY to_version
            """, r => new Change(r.GetString(0), r.GetInt32(1), r.GetInt32(2), ParseTime(r.GetString(3)),
                r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt64(8) != 0), ct, ("$d", document));

    public async Task<IReadOnlyList<Change>> GetAllChangesAsync(CancellationToken ct = default) =>
        await QueryAsync("""
            SELECT c.document, c.from_version, c.to_version, c.at, c.lines_added, c.lines_removed, c.words_added, c.words_removed, c.technical
            FROM changes c WHERE c.generation = COALESCE((SELECT g.generation FROM generations g WHERE g.document = c.document), 0)
            ORDER BY c.document, c.to_version
            """, r => new Change(r.GetString(0), r.GetInt32(1), r.GetInt32(2), ParseTime(r.GetString(3)),
                r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt64(8) != 0), ct);

    public async Task<Snapshot?> GetSnapshotAsync(long observationId, CancellationToken ct = default)
    {
        var rows = await QueryAsync("""
            SELECT observation_id, body_sha256, body_size, content_type, charset, http_status, final_url, headers, dom_sha256, screenshot_sha256
            FROM snapshots WHERE observation_id = $id
            """, r => new Snapshot(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), NullableString(r, 4), r.GetInt32(5),
                r.GetString(6), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(7)) ?? [],
                NullableString(r, 8), NullableString(r, 9)), ct, ("$id", observationId));
        if (rows.FirstOrDefault() is not { } found) return null;
        var parts = await QueryAsync("SELECT url, body_sha256, content_type, dom_sha256 FROM snapshot_parts WHERE observation_id = $id ORDER BY part",
            r => new SnapshotPart(r.GetString(0), r.GetString(1), r.GetString(2), NullableString(r, 3)), ct, ("$id", observationId));
        return found with { Parts = parts };
    }

    public async Task<IReadOnlyList<string>> GetDocumentsAsync(CancellationToken ct = default) =>
        await QueryAsync("SELECT DISTINCT document FROM observations ORDER BY document", r => r.GetString(0), ct);

    private const string VersionSelect =
        "SELECT document, number, captured_at, text_sha256, snapshot_sha256, observation_id, added, removed, extractor, rules, technical, ocr, generation FROM versions ";

    private async Task<DocumentVersion?> SingleVersionAsync(string where, CancellationToken ct, params (string, object)[] parameters) =>
        (await QueryAsync(VersionSelect + where, ReadVersion, ct, parameters)).FirstOrDefault();

    private static DocumentVersion ReadVersion(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt32(1), ParseTime(r.GetString(2)), r.GetString(3), r.GetString(4), r.GetInt64(5),
        r.GetInt32(6), r.GetInt32(7), r.GetString(8), r.GetString(9), r.GetInt64(10) != 0, r.GetInt64(11) != 0, r.GetInt32(12));

    private static Observation ReadObservation(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), ParseTime(r.GetString(2)), Outcomes.Parse(r.GetString(3)),
        r.IsDBNull(4) ? null : r.GetInt32(4), r.GetString(5), NullableString(r, 6), NullableString(r, 7),
        r.GetInt64(8) != 0, r.IsDBNull(9) ? null : r.GetInt32(9), NullableString(r, 10), r.GetInt32(11), r.GetInt64(12), NullableString(r, 13));

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var c = await OpenAsync(ct);
        await using var cmd = Command(c, sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct)) list.Add(read(reader));
        return list;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        await ExecAsync(c, "PRAGMA busy_timeout = 60000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", ct);
        return c;
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static async Task ExecAsync(SqliteConnection c, string sql, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var cmd = Command(c, sql, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static string Time(DateTimeOffset t) => CatalogTime.Write(t);

    private static DateTimeOffset ParseTime(string s) => CatalogTime.Read(s);

    public async Task<LedgerEntry> RecordKeyRotationAsync(KeyRotation rotation, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction(deferred: false);
        await AppendLedgerAsync(c, tx, KeyRotation.Kind, rotation.Subject, rotation.Body(), ct);
        await tx.CommitAsync(ct);
        return (await GetLedgerEntryAsync(rotation.Subject, ct))!;
    }

    public async Task<DiscoveryRecord> RecordDiscoveryAsync(string company, DateTimeOffset at, string outcome, string json, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction(deferred: false);
        await using var insert = Command(c, "INSERT INTO discoveries (company, at, outcome, json) VALUES ($c, $at, $o, $j) RETURNING id", tx);
        insert.Parameters.AddWithValue("$c", company);
        insert.Parameters.AddWithValue("$at", Time(at));
        insert.Parameters.AddWithValue("$o", outcome);
        insert.Parameters.AddWithValue("$j", json);
        var record = new DiscoveryRecord((long)(await insert.ExecuteScalarAsync(ct))!, company, at, outcome, json);
        await AppendLedgerAsync(c, tx, "discovery", LedgerBodies.DiscoverySubject(record.Id), LedgerBodies.Discovery(record), ct);
        await tx.CommitAsync(ct);
        return record;
    }

    private const string DiscoverySelect = "SELECT id, company, at, outcome, json FROM discoveries ";

    private static DiscoveryRecord ReadDiscovery(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), ParseTime(r.GetString(2)), r.GetString(3), r.GetString(4));

    public async Task<IReadOnlyList<DiscoveryRecord>> GetDiscoveriesAsync(string company, CancellationToken ct = default) =>
        await QueryAsync(DiscoverySelect + "WHERE company = $c ORDER BY at, id", ReadDiscovery, ct, ("$c", company));

    public async Task<DiscoveryRecord?> GetDiscoveryAsync(long id, CancellationToken ct = default) =>
        (await QueryAsync(DiscoverySelect + "WHERE id = $id", ReadDiscovery, ct, ("$id", id))).FirstOrDefault();

    public async Task<string?> GetNoiseModelAsync(string document, CancellationToken ct = default)
    {
        try
        {
            return (await QueryAsync("SELECT json FROM noise_models WHERE document = $d", r => r.GetString(0), ct, ("$d", document))).FirstOrDefault();
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return null; // a catalog opened read-only before its upgrade: nothing learned yet
        }
    }

    public async Task SaveNoiseModelAsync(string document, string json, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var upsert = Command(c, "INSERT INTO noise_models (document, json) VALUES ($d, $j) ON CONFLICT (document) DO UPDATE SET json = excluded.json");
        upsert.Parameters.AddWithValue("$d", document);
        upsert.Parameters.AddWithValue("$j", json);
        await upsert.ExecuteNonQueryAsync(ct);
    }

    public async IAsyncEnumerable<CatalogRow> ExportAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        foreach (var table in CatalogRow.Tables)
        {
            // A catalog opened read-only may predate a table (it is upgraded on its next write): nothing to copy from it.
            await using (var exists = Command(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $t"))
            {
                exists.Parameters.AddWithValue("$t", table);
                if ((long)(await exists.ExecuteScalarAsync(ct))! == 0) continue;
            }
            await using var select = Command(c, $"SELECT * FROM {table} ORDER BY rowid");
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++) values[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                yield return new CatalogRow(table, values);
            }
        }
    }

    public async Task ImportAsync(IAsyncEnumerable<CatalogRow> rows, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction(deferred: false);
        foreach (var table in CatalogRow.Tables)
        {
            await using var count = Command(c, $"SELECT COUNT(*) FROM {table}", tx);
            if ((long)(await count.ExecuteScalarAsync(ct))! > 0)
                throw new InvalidOperationException($"the target catalog is not empty ({table} has rows): an archive is only copied into an empty one");
        }
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (!CatalogRow.Tables.Contains(row.Table)) throw new InvalidDataException($"unknown catalog table \"{row.Table}\"");
            var columns = row.Values.Keys.ToList();
            foreach (var column in columns)
                if (!column.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_')) throw new InvalidDataException($"{row.Table}: bad column name \"{column}\"");
            await using var insert = Command(c, $"INSERT INTO {row.Table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})", tx);
            for (var i = 0; i < columns.Count; i++) insert.Parameters.AddWithValue($"$p{i}", row.Values[columns[i]] ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }
}
