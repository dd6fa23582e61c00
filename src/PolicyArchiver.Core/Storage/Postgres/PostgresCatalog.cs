using System.Data;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Storage.Postgres;

/// <summary>
/// The distributed catalog: one PostgreSQL database shared by worker processes on several
/// machines. It holds exactly what <see cref="SqliteCatalog"/> holds, with the same meaning, so
/// the ledger, verification and every reader work the same on either.
/// </summary>
/// <remarks>
/// <para>
/// SQLite gives its writers one write lock for free (<c>BEGIN IMMEDIATE</c>). PostgreSQL lets
/// writers run side by side, so every transaction that appends to the ledger first takes
/// <c>pg_advisory_xact_lock(<see cref="LedgerLock"/>)</c>, in READ COMMITTED. Only then does it check
/// the document's next version number and read the ledger head: each statement after the lock sees
/// everything the previous holder committed (the lock is released only after its commit is
/// visible), so sequence numbers stay gapless and strictly sequential and every entry links to the
/// one before it, across processes and machines. A sequence or an identity column could not do
/// this: they hand out numbers outside transactions and leave gaps on rollback.
/// </para>
/// <para>
/// Writes are therefore serialised, as in SQLite. The lock is held for a few round trips only: the
/// rows of a record go in one batch, the ledger head is read once and its entries go in another,
/// and the slow part of a capture (the browser) happens before, outside any transaction.
/// </para>
/// </remarks>
public sealed partial class PostgresCatalog : ICatalog, IAsyncDisposable, IDisposable
{
    /// <summary>Advisory lock key held by every transaction that appends to the ledger ("PALEDGER" in ASCII).</summary>
    internal const long LedgerLock = 0x5041_4C45_4447_4552;

    /// <summary>Advisory lock key held while the schema is migrated, so nodes starting at once migrate once ("PASCHEMA").</summary>
    internal const long SchemaLock = 0x5041_5343_4845_4D41;

    private readonly NpgsqlDataSource _source;

    /// <summary>A catalog that reads and writes, and migrates the schema in <see cref="InitializeAsync"/>.</summary>
    public PostgresCatalog(string connectionString) : this(connectionString, readOnly: false)
    {
    }

    private PostgresCatalog(string connectionString, bool readOnly)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "policyarchiver";
        // The same few statements run for every capture: prepared once per connection, they are not
        // parsed and planned again each time (about a third faster per record, measured).
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        // A read-only catalog refuses writes itself, and asks the server to refuse them too.
        if (readOnly) builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        // Host, port and database only: the connection string may hold a password, never shown.
        Server = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        IsReadOnly = readOnly;
        ConnectionString = connectionString;
        _source = NpgsqlDataSource.Create(builder);
    }

    /// <summary>The connection string as given, without the read-only session option: the search index beside the catalog is derived data it may write even when the catalog is read-only.</summary>
    internal string ConnectionString { get; }

    /// <summary>
    /// A catalog that is only read (what <c>verify</c> and <c>serve</c> use): it never migrates the
    /// schema nor writes, and its sessions are read-only on the server as well.
    /// </summary>
    public static PostgresCatalog ReadOnly(string connectionString) => new(connectionString, readOnly: true);

    /// <summary>Where the catalog is, as <c>host:port/database</c>: safe to show, it holds no credentials.</summary>
    public string Server { get; }

    public bool IsReadOnly { get; }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        NpgsqlConnection c;
        try
        {
            c = await _source.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException && !ct.IsCancellationRequested)
        {
            // The first thing a node does: a wrong host, a stopped server or a bad password ends here,
            // and the CLI shows an IOException as a plain error.
            throw new IOException($"PostgreSQL catalog at {Server} is unreachable: {Reason(e)}", e);
        }
        await using (c)
        {
            if (IsReadOnly) await CheckSchemaAsync(c, ct);
            else await MigrateAsync(c, ct);
        }
    }

    /// <summary>
    /// Applies the pending migrations in one transaction holding <see cref="SchemaLock"/>: a node
    /// starting while another migrates waits, then finds nothing left to do. DDL is transactional
    /// in PostgreSQL, so a failed migration leaves the schema as it was.
    /// </summary>
    private static async Task MigrateAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var tx = await c.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await ExecAsync(c, tx, "SELECT pg_advisory_xact_lock(@k)", ct, ("k", SchemaLock));
        await ExecAsync(c, tx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", ct);
        var applied = new HashSet<int>();
        await using (var q = Command(c, tx, "SELECT version FROM schema_migrations"))
        await using (var reader = await q.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));
        for (var v = 1; v <= PostgresSchema.Migrations.Count; v++)
        {
            if (applied.Contains(v)) continue;
            await ExecAsync(c, tx, PostgresSchema.Migrations[v - 1], ct);
            await ExecAsync(c, tx, "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)", ct, ("v", v), ("at", Time(DateTimeOffset.UtcNow)));
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>A read-only catalog cannot create the schema, so it says when there is none (or an older one) to read.</summary>
    private async Task CheckSchemaAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var exists = Command(c, null, "SELECT to_regclass('schema_migrations') IS NOT NULL");
        var applied = (bool)(await exists.ExecuteScalarAsync(ct))!
            ? Convert.ToInt32(await ScalarAsync(c, "SELECT COUNT(*) FROM schema_migrations", ct))
            : 0;
        if (applied < PostgresSchema.Migrations.Count)
            throw new IOException(applied == 0
                ? $"PostgreSQL catalog at {Server} holds no catalog yet (a writer creates it on first start)"
                : $"PostgreSQL catalog at {Server} has schema version {applied}; this build reads version {PostgresSchema.Migrations.Count} (start a writer of this build first)");
    }

    public async Task<Observation> RecordAsync(CaptureRecord r, CancellationToken ct = default) => (await RecordAllAsync([r], ct))[0];

    public async Task<IReadOnlyList<Observation>> RecordAllAsync(IReadOnlyList<CaptureRecord> records, CancellationToken ct = default)
    {
        await using var c = await OpenWriterAsync(ct);
        await using var tx = await BeginLedgerTransactionAsync(c, ct);
        var observations = new List<Observation>(records.Count);
        foreach (var r in records) observations.Add(await RecordAsync(c, tx, r, ct));
        await tx.CommitAsync(ct);
        return observations;
    }

    private async Task<Observation> RecordAsync(NpgsqlConnection c, NpgsqlTransaction tx, CaptureRecord r, CancellationToken ct)
    {

        var generation = r.Version is { } v ? await EnsureNextVersionAsync(c, tx, r.Document, v.Number, ct) : 0;

        var versionNumber = r.Version is null ? await CurrentVersionAsync(c, tx, r, ct) : r.Version.Number;
        long id;
        await using (var obs = Command(c, tx, """
            INSERT INTO observations (document, at, outcome, http_status, url, final_url, snapshot_sha256, new_version, version, detail, attempts, duration_ms, source)
            VALUES (@document, @at, @outcome, @status, @url, @final, @snapshot, @new, @version, @detail, @attempts, @duration, @source)
            RETURNING id
            """,
            ("document", r.Document), ("at", Time(r.At)), ("outcome", r.Outcome.ToWire()), ("status", r.HttpStatus), ("url", r.Url),
            ("final", r.FinalUrl), ("snapshot", r.Snapshot?.BodySha256), ("new", r.Version is not null), ("version", versionNumber),
            ("detail", r.Detail), ("attempts", r.Attempts), ("duration", r.DurationMs), ("source", r.Source)))
            id = (long)(await obs.ExecuteScalarAsync(ct))!;

        // The rows depend on nothing but the observation's id: one round trip for all of them.
        var rows = new List<NpgsqlBatchCommand>();
        if (r.Snapshot is { } s)
        {
            rows.Add(Row("""
                INSERT INTO snapshots (observation_id, body_sha256, body_size, content_type, charset, http_status, final_url, headers, dom_sha256, screenshot_sha256)
                VALUES (@id, @body, @size, @type, @charset, @status, @final, @headers, @dom, @shot)
                """,
                ("id", id), ("body", s.BodySha256), ("size", s.BodySize), ("type", s.ContentType), ("charset", s.Charset), ("status", s.HttpStatus),
                ("final", s.FinalUrl), ("headers", JsonSerializer.Serialize(s.Headers)), ("dom", s.DomSha256), ("shot", s.ScreenshotSha256)));
            for (var i = 0; i < s.Parts.Count; i++)
                rows.Add(Row("""
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
            rows.Add(Row("""
                INSERT INTO warc_records (observation_id, record_id, type, role, target_uri, date, file, "offset", length, block_digest, payload_digest)
                VALUES (@id, @record, @type, @role, @uri, @date, @file, @offset, @length, @block, @payload)
                """,
                ("id", id), ("record", w.RecordId), ("type", w.Type), ("role", w.Role), ("uri", w.TargetUri), ("date", Time(w.Date)),
                ("file", w.File), ("offset", w.Offset), ("length", w.Length), ("block", w.BlockDigest), ("payload", w.PayloadDigest)));
        await WriteRowsAsync(c, tx, rows, recorded, ct);

        var observation = new Observation(id, r.Document, r.At, r.Outcome, r.HttpStatus, r.Url, r.FinalUrl, r.Snapshot?.BodySha256,
            r.Version is not null, versionNumber, r.Detail, r.Attempts, r.DurationMs, r.Source);
        // The ledger grows in the same transaction as the rows it covers: there is never a row
        // without its entry, nor an entry without its row.
        var entries = new List<(string, string, string)> { ("observation", LedgerBodies.ObservationSubject(id), LedgerBodies.Observation(observation, r.Warc)) };
        if (r.Snapshot is { } sn)
        {
            var snapshot = new Snapshot(id, sn.BodySha256, sn.BodySize, sn.ContentType, sn.Charset, sn.HttpStatus, sn.FinalUrl, sn.Headers, sn.DomSha256, sn.ScreenshotSha256)
            {
                Parts = sn.Parts,
            };
            entries.Add(("snapshot", LedgerBodies.SnapshotSubject(id), LedgerBodies.Snapshot(snapshot)));
        }
        if (recorded is not null)
            entries.Add(("version", LedgerBodies.VersionSubject(r.Document, recorded.Number, recorded.Generation), LedgerBodies.Version(recorded)));
        await AppendLedgerAsync(c, tx, entries, ct);

        return observation;
    }

    public async Task<DocumentVersion> RecordTechnicalVersionAsync(string document, long observationId, string snapshotSha256, DateTimeOffset at, NewVersion version, CancellationToken ct = default)
    {
        if (!version.Technical) throw new ArgumentException("only technical versions are recorded without an observation", nameof(version));
        await using var c = await OpenWriterAsync(ct);
        await using var tx = await BeginLedgerTransactionAsync(c, ct);
        var generation = await EnsureNextVersionAsync(c, tx, document, version.Number, ct);
        var recorded = new DocumentVersion(document, version.Number, at, version.TextSha256, snapshotSha256, observationId,
            version.Added, version.Removed, version.Extractor, version.Rules, true, version.Ocr, generation);
        await WriteRowsAsync(c, tx, VersionRows(recorded, version), recorded, ct);
        await AppendLedgerAsync(c, tx, [("version", LedgerBodies.VersionSubject(document, version.Number, generation), LedgerBodies.Version(recorded))], ct);
        await tx.CommitAsync(ct);
        return recorded;
    }

    /// <summary>The document's current generation of versions, as SQL over the parameter <c>@d</c>.</summary>
    private const string Generation = "COALESCE((SELECT g.generation FROM generations g WHERE g.document = @d), 0)";

    /// <summary>
    /// Inside the ledger transaction (so under <see cref="LedgerLock"/>): is <paramref name="number"/>
    /// still the next version of the document? Returns the document's current generation.
    /// </summary>
    private static async Task<int> EnsureNextVersionAsync(NpgsqlConnection c, NpgsqlTransaction tx, string document, int number, CancellationToken ct)
    {
        await using var latest = Command(c, tx, $"SELECT COALESCE(MAX(number), 0), {Generation} FROM versions WHERE document = @d AND generation = {Generation}", ("d", document));
        await using var reader = await latest.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.GetInt32(0) != number - 1) throw new VersionConflictException(document, number);
        return reader.GetInt32(1);
    }

    /// <summary>A version row, and the change from the version before it.</summary>
    private static List<NpgsqlBatchCommand> VersionRows(DocumentVersion v, NewVersion counts)
    {
        var rows = new List<NpgsqlBatchCommand>
        {
            Row("""
                INSERT INTO versions (document, generation, number, captured_at, text_sha256, snapshot_sha256, observation_id, added, removed, extractor, rules, technical, ocr)
                VALUES (@document, @generation, @number, @at, @text, @snapshot, @id, @added, @removed, @extractor, @rules, @technical, @ocr)
                """,
                ("document", v.Document), ("generation", v.Generation), ("number", v.Number), ("at", Time(v.CapturedAt)), ("text", v.TextSha256),
                ("snapshot", v.SnapshotSha256), ("id", v.ObservationId), ("added", v.Added), ("removed", v.Removed), ("extractor", v.Extractor),
                ("rules", v.Rules), ("technical", v.Technical), ("ocr", v.Ocr)),
        };
        if (v.Number > 1)
            rows.Add(Row("""
                INSERT INTO changes (document, generation, from_version, to_version, at, lines_added, lines_removed, words_added, words_removed, technical)
                VALUES (@document, @generation, @from, @to, @at, @la, @lr, @wa, @wr, @technical)
                """,
                ("document", v.Document), ("generation", v.Generation), ("from", v.Number - 1), ("to", v.Number), ("at", Time(v.CapturedAt)),
                ("la", counts.Added), ("lr", counts.Removed), ("wa", counts.WordsAdded), ("wr", counts.WordsRemoved), ("technical", v.Technical)));
        return rows;
    }

    /// <summary>Inserts rows in one round trip; a version number taken meanwhile is a <see cref="VersionConflictException"/>.</summary>
    private static async Task WriteRowsAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<NpgsqlBatchCommand> rows, DocumentVersion? version, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var batch = new NpgsqlBatch(c, tx);
        foreach (var row in rows) batch.BatchCommands.Add(row);
        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (version is not null && e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "versions_pkey")
        {
            // Cannot happen between writers that hold the ledger lock; a writer that did not is still a conflict, not a crash.
            throw new VersionConflictException(version.Document, version.Number);
        }
    }

    /// <summary>
    /// Links entries, in order, to the head. The caller's transaction holds <see cref="LedgerLock"/>,
    /// so no other writer can read the same head or commit an entry in between: the head is read
    /// once and the entries are inserted in one round trip.
    /// </summary>
    private static async Task AppendLedgerAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<(string Kind, string Subject, string Body)> entries, CancellationToken ct)
    {
        long seq = 0;
        var previous = LedgerChain.Genesis;
        await using (var head = Command(c, tx, "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1"))
        await using (var reader = await head.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                seq = reader.GetInt64(0);
                previous = reader.GetString(1);
            }
        }
        var rows = new List<NpgsqlBatchCommand>();
        foreach (var (kind, subject, body) in entries)
        {
            var entry = LedgerChain.Link(++seq, previous, kind, subject, body);
            rows.Add(Row("INSERT INTO ledger (seq, kind, subject, json, hash) VALUES (@seq, @kind, @subject, @json, @hash)",
                ("seq", entry.Seq), ("kind", entry.Kind), ("subject", entry.Subject), ("json", entry.Json), ("hash", entry.Hash)));
            previous = entry.Hash;
        }
        await WriteRowsAsync(c, tx, rows, null, ct);
    }

    public async Task<DateTimeOffset?> GetLastObservationAtAsync(string document, CancellationToken ct = default) =>
        (await QueryAsync("SELECT MAX(at) FROM observations WHERE document = @d", r => r.IsDBNull(0) ? (DateTimeOffset?)null : ParseTime(r.GetString(0)), ct, ("d", document)))[0];

    public async Task<Availability> GetAvailabilityAsync(string document, CancellationToken ct = default)
    {
        var last = (await QueryAsync(ObservationSql.Current + "WHERE o.document = @d ORDER BY o.at DESC, o.id DESC LIMIT 1", ReadObservation, ct, ("d", document))).FirstOrDefault();
        var lastOk = (await QueryAsync("SELECT MAX(at) FROM observations WHERE document = @d AND outcome = 'ok'",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : ParseTime(r.GetString(0)), ct, ("d", document)))[0];
        var versions = (int)(await QueryAsync($"SELECT COUNT(*) FROM versions WHERE document = @d AND generation = {Generation}", r => r.GetInt64(0), ct, ("d", document)))[0];
        if (last is null) return new Availability(document, null, null, null, 0, versions);
        // The streak: every attempt since the last one that went the other way (ok versus failing).
        var breakSql = last.Outcome == Outcome.Ok
            ? "SELECT MAX(at) FROM observations WHERE document = @d AND outcome <> 'ok'"
            : "SELECT MAX(at) FROM observations WHERE document = @d AND outcome = 'ok'";
        var brokenAt = (await QueryAsync(breakSql, r => r.IsDBNull(0) ? null : r.GetString(0), ct, ("d", document)))[0];
        var (count, since) = (await QueryAsync("SELECT COUNT(*), MIN(at) FROM observations WHERE document = @d AND at > @after",
            r => ((int)r.GetInt64(0), r.IsDBNull(1) ? (DateTimeOffset?)null : ParseTime(r.GetString(1))), ct, ("d", document), ("after", brokenAt ?? "")))[0];
        return new Availability(document, last, lastOk, since, count, versions);
    }

    public async Task<IReadOnlyDictionary<string, Observation>> GetLastAttemptsAsync(CancellationToken ct = default) =>
        (await QueryAsync(ObservationSql.Current + ObservationSql.LastOfEachDocument, ReadObservation, ct)).ToDictionary(o => o.Document, StringComparer.Ordinal);

    public async Task<Observation?> GetObservationAsync(long id, CancellationToken ct = default) =>
        (await QueryAsync(ObservationSql.Current + "WHERE o.id = @id", ReadObservation, ct, ("id", id))).FirstOrDefault();

    public async Task<Observation?> GetRecordedObservationAsync(long id, CancellationToken ct = default) =>
        (await QueryAsync(ObservationSql.Recorded + "WHERE o.id = @id", ReadObservation, ct, ("id", id))).FirstOrDefault();

    private const string WarcSelect =
        "SELECT record_id, type, role, target_uri, date, file, \"offset\", length, block_digest, payload_digest FROM warc_records ";

    private static WarcRecordLocation ReadWarc(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ParseTime(r.GetString(4)), r.GetString(5),
        r.GetInt64(6), r.GetInt64(7), r.GetString(8), NullableString(r, 9));

    public async Task<IReadOnlyList<WarcRecordLocation>> GetWarcRecordsAsync(long observationId, CancellationToken ct = default) =>
        await QueryAsync(WarcSelect + "WHERE observation_id = @id ORDER BY id", ReadWarc, ct, ("id", observationId));

    public async Task<IReadOnlyList<WarcRecordLocation>> GetAllWarcRecordsAsync(CancellationToken ct = default) =>
        await QueryAsync(WarcSelect + "ORDER BY file, \"offset\"", ReadWarc, ct);

    public async Task<WarcRecordLocation?> FindResponseAsync(string targetUri, string payloadDigest, CancellationToken ct = default) =>
        (await QueryAsync(WarcSelect + "WHERE payload_digest = @p AND target_uri = @u AND type = 'response' ORDER BY id LIMIT 1", ReadWarc, ct,
            ("p", payloadDigest), ("u", targetUri))).FirstOrDefault();

    public async Task<WarcRecordLocation?> FindBlockAsync(string role, string blockDigest, CancellationToken ct = default) =>
        (await QueryAsync(WarcSelect + "WHERE block_digest = @b AND role = @r ORDER BY id LIMIT 1", ReadWarc, ct,
            ("b", blockDigest), ("r", role))).FirstOrDefault();

    private const string LedgerSelect = "SELECT seq, kind, subject, json, hash FROM ledger ";

    private static LedgerEntry ReadLedger(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4));

    public async Task<LedgerEntry?> GetLedgerHeadAsync(CancellationToken ct = default) =>
        (await QueryAsync(LedgerSelect + "ORDER BY seq DESC LIMIT 1", ReadLedger, ct)).FirstOrDefault();

    public async Task<LedgerEntry?> GetLedgerEntryAsync(string subject, CancellationToken ct = default) =>
        (await QueryAsync(LedgerSelect + "WHERE subject = @s", ReadLedger, ct, ("s", subject))).FirstOrDefault();

    public async Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(long fromSeq, long toSeq, CancellationToken ct = default) =>
        await QueryAsync(LedgerSelect + "WHERE seq >= @from AND seq <= @to ORDER BY seq", ReadLedger, ct, ("from", fromSeq), ("to", toSeq));

    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken ct = default)
    {
        var counts = new Dictionary<string, long>();
        // Table names are constants of this class, never values from outside.
        foreach (var (kind, table) in new[] { ("observation", "observations"), ("snapshot", "snapshots"), ("version", "versions"), ("discovery", "discoveries") })
            counts[kind] = (await QueryAsync($"SELECT COUNT(*) FROM {table}", r => r.GetInt64(0), ct))[0];
        return counts;
    }

    public async Task AddCheckpointAsync(Checkpoint k, CancellationToken ct = default)
    {
        // No ledger entry, so no ledger lock: a checkpoint of a seq already recorded is simply kept.
        await using var c = await OpenWriterAsync(ct);
        await ExecAsync(c, null, """
            INSERT INTO checkpoints (seq, at, head_hash, statement, signature, timestamp_response, tsa_url)
            VALUES (@seq, @at, @head, @statement, @signature, @tsr, @tsa)
            ON CONFLICT (seq) DO NOTHING
            """, ct,
            ("seq", k.Seq), ("at", Time(k.At)), ("head", k.HeadHash), ("statement", k.Statement), ("signature", k.Signature),
            ("tsr", k.TimestampResponse), ("tsa", k.TsaUrl));
    }

    public async Task<IReadOnlyList<Checkpoint>> GetCheckpointsAsync(CancellationToken ct = default) =>
        await QueryAsync("SELECT seq, at, head_hash, statement, signature, timestamp_response, tsa_url FROM checkpoints ORDER BY seq",
            r => new Checkpoint(r.GetInt64(0), ParseTime(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetFieldValue<byte[]>(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<byte[]>(5), NullableString(r, 6)), ct);

    /// <summary>The version an observation without a new version is evidence for (null for failures and imports).</summary>
    private static async Task<int?> CurrentVersionAsync(NpgsqlConnection c, NpgsqlTransaction tx, CaptureRecord r, CancellationToken ct)
    {
        // An ok observation that found the same text is evidence for the version in force.
        if (r.Snapshot is null || r.Source is not null) return null; // imported: its version is assigned when history is derived
        await using var q = Command(c, tx, $"SELECT MAX(number) FROM versions WHERE document = @d AND generation = {Generation}", ("d", r.Document));
        return await q.ExecuteScalarAsync(ct) is int n ? n : null;
    }

    public Task<DocumentVersion?> GetLatestVersionAsync(string document, CancellationToken ct = default) =>
        SingleVersionAsync($"WHERE document = @d AND generation = {Generation} ORDER BY number DESC LIMIT 1", ct, ("d", document));

    public Task<DocumentVersion?> GetVersionAsync(string document, int number, CancellationToken ct = default) =>
        SingleVersionAsync($"WHERE document = @d AND generation = {Generation} AND number = @n", ct, ("d", document), ("n", number));

    public Task<DocumentVersion?> GetVersionAtAsync(string document, DateTimeOffset at, CancellationToken ct = default) =>
        SingleVersionAsync($"WHERE document = @d AND generation = {Generation} AND captured_at <= @at ORDER BY captured_at DESC, number DESC LIMIT 1", ct, ("d", document), ("at", Time(at)));

    public async Task<IReadOnlyList<DocumentVersion>> GetVersionsAsync(string document, CancellationToken ct = default) =>
        await QueryAsync(VersionSelect + $"WHERE document = @d AND generation = {Generation} ORDER BY number", ReadVersion, ct, ("d", document));

    public async Task<bool> HasSourceAsync(string document, string source, CancellationToken ct = default) =>
        (await QueryAsync("SELECT COUNT(*) FROM observations WHERE document = @d AND source = @s", r => r.GetInt64(0), ct, ("d", document), ("s", source)))[0] > 0;

    public Task<DocumentVersion?> GetVersionInGenerationAsync(string document, int number, int generation, CancellationToken ct = default) =>
        SingleVersionAsync("WHERE document = @d AND generation = @g AND number = @n", ct, ("d", document), ("g", generation), ("n", number));

    public async Task<int> GetGenerationAsync(string document, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {Generation}", r => r.GetInt32(0), ct, ("d", document)))[0];

    public async Task<IReadOnlyList<DocumentVersion>> RebuildVersionsAsync(string document, IReadOnlyList<DerivedVersion> versions, string reason, CancellationToken ct = default)
    {
        await using var c = await OpenWriterAsync(ct);
        await using var tx = await BeginLedgerTransactionAsync(c, ct);
        int generation;
        await using (var next = Command(c, tx, $"SELECT {Generation} + 1", ("d", document)))
            generation = (int)(await next.ExecuteScalarAsync(ct))!;
        await ExecAsync(c, tx, "INSERT INTO generations (document, generation) VALUES (@d, @g) ON CONFLICT (document) DO UPDATE SET generation = @g", ct,
            ("d", document), ("g", generation));
        var entries = new List<(string, string, string)> { ("rebuild", LedgerBodies.RebuildSubject(document, generation), LedgerBodies.Rebuild(document, generation, reason)) };
        var rows = new List<NpgsqlBatchCommand>();
        var recorded = new List<DocumentVersion>();
        foreach (var d in versions)
        {
            var v = new DocumentVersion(document, d.Version.Number, d.At, d.Version.TextSha256, d.SnapshotSha256, d.ObservationId,
                d.Version.Added, d.Version.Removed, d.Version.Extractor, d.Version.Rules, d.Version.Technical, d.Version.Ocr, generation);
            rows.AddRange(VersionRows(v, d.Version));
            entries.Add(("version", LedgerBodies.VersionSubject(document, v.Number, generation), LedgerBodies.Version(v)));
            recorded.Add(v);
        }
        await WriteRowsAsync(c, tx, rows, null, ct);
        await AppendLedgerAsync(c, tx, entries, ct);
        await tx.CommitAsync(ct);
        return recorded;
    }

    public async Task<IReadOnlyList<Observation>> GetObservationsAsync(string document, CancellationToken ct = default) =>
        await QueryAsync(ObservationSql.Current + "WHERE o.document = @d ORDER BY o.at, o.id", ReadObservation, ct, ("d", document));

    public async Task<IReadOnlyList<Change>> GetChangesAsync(string document, CancellationToken ct = default) =>
        await QueryAsync($"""
            SELECT document, from_version, to_version, at, lines_added, lines_removed, words_added, words_removed, technical
            FROM changes WHERE document = @d AND generation = {Generation} ORDER BY to_version
            """, r => new Change(r.GetString(0), r.GetInt32(1), r.GetInt32(2), ParseTime(r.GetString(3)),
                r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetBoolean(8)), ct, ("d", document));

    public async Task<IReadOnlyList<Change>> GetAllChangesAsync(CancellationToken ct = default) =>
        await QueryAsync("""
            SELECT c.document, c.from_version, c.to_version, c.at, c.lines_added, c.lines_removed, c.words_added, c.words_removed, c.technical
            FROM changes c WHERE c.generation = COALESCE((SELECT g.generation FROM generations g WHERE g.document = c.document), 0)
            ORDER BY c.document, c.to_version
            """, r => new Change(r.GetString(0), r.GetInt32(1), r.GetInt32(2), ParseTime(r.GetString(3)),
                r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetBoolean(8)), ct);

    public async Task<Snapshot?> GetSnapshotAsync(long observationId, CancellationToken ct = default)
    {
        var rows = await QueryAsync("""
            SELECT observation_id, body_sha256, body_size, content_type, charset, http_status, final_url, headers, dom_sha256, screenshot_sha256
            FROM snapshots WHERE observation_id = @id
            """, r => new Snapshot(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), NullableString(r, 4), r.GetInt32(5),
                r.GetString(6), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(7)) ?? [],
                NullableString(r, 8), NullableString(r, 9)), ct, ("id", observationId));
        if (rows.FirstOrDefault() is not { } found) return null;
        var parts = await QueryAsync("SELECT url, body_sha256, content_type, dom_sha256 FROM snapshot_parts WHERE observation_id = @id ORDER BY part",
            r => new SnapshotPart(r.GetString(0), r.GetString(1), r.GetString(2), NullableString(r, 3)), ct, ("id", observationId));
        return found with { Parts = parts };
    }

    public async Task<IReadOnlyList<string>> GetDocumentsAsync(CancellationToken ct = default) =>
        await QueryAsync("SELECT DISTINCT document FROM observations ORDER BY document", r => r.GetString(0), ct);

    public async Task<LedgerEntry> RecordKeyRotationAsync(KeyRotation rotation, CancellationToken ct = default)
    {
        await using (var c = await OpenWriterAsync(ct))
        await using (var tx = await BeginLedgerTransactionAsync(c, ct))
        {
            await AppendLedgerAsync(c, tx, [(KeyRotation.Kind, rotation.Subject, rotation.Body())], ct);
            await tx.CommitAsync(ct);
        }
        return (await GetLedgerEntryAsync(rotation.Subject, ct))!;
    }

    public async Task<DiscoveryRecord> RecordDiscoveryAsync(string company, DateTimeOffset at, string outcome, string json, CancellationToken ct = default)
    {
        await using var c = await OpenWriterAsync(ct);
        await using var tx = await BeginLedgerTransactionAsync(c, ct);
        long id;
        await using (var insert = Command(c, tx, "INSERT INTO discoveries (company, at, outcome, json) VALUES (@c, @at, @o, @j) RETURNING id",
            ("c", company), ("at", Time(at)), ("o", outcome), ("j", json)))
            id = (long)(await insert.ExecuteScalarAsync(ct))!;
        var record = new DiscoveryRecord(id, company, at, outcome, json);
        await AppendLedgerAsync(c, tx, [("discovery", LedgerBodies.DiscoverySubject(record.Id), LedgerBodies.Discovery(record))], ct);
        await tx.CommitAsync(ct);
        return record;
    }

    private const string DiscoverySelect = "SELECT id, company, at, outcome, json FROM discoveries ";

    private static DiscoveryRecord ReadDiscovery(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), ParseTime(r.GetString(2)), r.GetString(3), r.GetString(4));

    public async Task<IReadOnlyList<DiscoveryRecord>> GetDiscoveriesAsync(string company, CancellationToken ct = default) =>
        await QueryAsync(DiscoverySelect + "WHERE company = @c ORDER BY at, id", ReadDiscovery, ct, ("c", company));

    public async Task<DiscoveryRecord?> GetDiscoveryAsync(long id, CancellationToken ct = default) =>
        (await QueryAsync(DiscoverySelect + "WHERE id = @id", ReadDiscovery, ct, ("id", id))).FirstOrDefault();

    public async Task<string?> GetNoiseModelAsync(string document, CancellationToken ct = default)
    {
        try
        {
            return (await QueryAsync("SELECT json FROM noise_models WHERE document = @d", r => r.GetString(0), ct, ("d", document))).FirstOrDefault();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null; // a catalog opened read-only before its upgrade: nothing learned yet
        }
    }

    public async Task SaveNoiseModelAsync(string document, string json, CancellationToken ct = default)
    {
        await using var c = await OpenWriterAsync(ct);
        await ExecAsync(c, null, "INSERT INTO noise_models (document, json) VALUES (@d, @j) ON CONFLICT (document) DO UPDATE SET json = excluded.json", ct,
            ("d", document), ("j", json));
    }

    private const string VersionSelect =
        "SELECT document, number, captured_at, text_sha256, snapshot_sha256, observation_id, added, removed, extractor, rules, technical, ocr, generation FROM versions ";

    private async Task<DocumentVersion?> SingleVersionAsync(string where, CancellationToken ct, params (string, object?)[] parameters) =>
        (await QueryAsync(VersionSelect + where, ReadVersion, ct, parameters)).FirstOrDefault();

    private static DocumentVersion ReadVersion(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), ParseTime(r.GetString(2)), r.GetString(3), r.GetString(4), r.GetInt64(5),
        r.GetInt32(6), r.GetInt32(7), r.GetString(8), r.GetString(9), r.GetBoolean(10), r.GetBoolean(11), r.GetInt32(12));

    private static Observation ReadObservation(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), ParseTime(r.GetString(2)), Outcomes.Parse(r.GetString(3)),
        r.IsDBNull(4) ? null : r.GetInt32(4), r.GetString(5), NullableString(r, 6), NullableString(r, 7),
        r.GetBoolean(8), r.IsDBNull(9) ? null : r.GetInt32(9), NullableString(r, 10), r.GetInt32(11), r.GetInt64(12), NullableString(r, 13));

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        await using var cmd = Command(c, null, sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct)) list.Add(read(reader));
        return list;
    }

    /// <summary>A connection for writing; a read-only catalog says no before touching the server.</summary>
    private async Task<NpgsqlConnection> OpenWriterAsync(CancellationToken ct)
    {
        if (IsReadOnly) throw new InvalidOperationException($"the PostgreSQL catalog at {Server} is open read-only: it records nothing");
        return await _source.OpenConnectionAsync(ct);
    }

    /// <summary>
    /// A transaction that may append to the ledger: READ COMMITTED (so statements after the lock see
    /// the previous holder's commit; a REPEATABLE READ snapshot would be taken before the wait) and
    /// holding <see cref="LedgerLock"/> until it ends. Taken first, before any check, it plays the
    /// part of SQLite's <c>BEGIN IMMEDIATE</c>.
    /// </summary>
    private static async Task<NpgsqlTransaction> BeginLedgerTransactionAsync(NpgsqlConnection c, CancellationToken ct)
    {
        var tx = await c.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        try
        {
            await ExecAsync(c, tx, "SELECT pg_advisory_xact_lock(@k)", ct, ("k", LedgerLock));
            return tx;
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    private static NpgsqlBatchCommand Row(string sql, params (string Name, object? Value)[] parameters)
    {
        var row = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters) row.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        return row;
    }

    private static NpgsqlCommand Command(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, c, tx);
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        return cmd;
    }

    private static async Task ExecAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(c, tx, sql, parameters);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = Command(c, null, sql);
        return await cmd.ExecuteScalarAsync(ct);
    }

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>What went wrong, down to the socket or server error; Npgsql's messages never carry the password.</summary>
    private static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return ReferenceEquals(inner, e) || e.Message.Contains(inner.Message, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({inner.Message})";
    }

    /// <summary>The same text form as the SQLite catalog: fixed-width UTC with 100-ns ticks, so text order is time order.</summary>
    private static string Time(DateTimeOffset t) => CatalogTime.Write(t);

    private static DateTimeOffset ParseTime(string s) => CatalogTime.Read(s);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose();
}
