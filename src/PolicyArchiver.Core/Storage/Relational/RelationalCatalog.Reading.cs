using System.Data.Common;
using System.Text.Json;

namespace PolicyArchiver.Storage.Relational;

/// <summary>Reading observations, snapshots, versions, changes and availability.</summary>
internal abstract partial class RelationalCatalog
{
    private const string VersionSelect =
        "SELECT document, number, captured_at, text_sha256, snapshot_sha256, observation_id, added, removed, extractor, rules, technical, ocr, generation FROM versions ";

    private const string ChangeColumns = "c.document, c.from_version, c.to_version, c.at, c.lines_added, c.lines_removed, c.words_added, c.words_removed, c.technical";

    public Task<DocumentVersion?> GetLatestVersionAsync(string document, CancellationToken ct = default) =>
        SingleVersionAsync($"WHERE document = @d AND generation = {Generation} ORDER BY number DESC LIMIT 1", ct, ("d", document));

    public Task<DocumentVersion?> GetVersionAsync(string document, int number, CancellationToken ct = default) =>
        SingleVersionAsync($"WHERE document = @d AND generation = {Generation} AND number = @n", ct, ("d", document), ("n", number));

    public Task<DocumentVersion?> GetVersionAtAsync(string document, DateTimeOffset at, CancellationToken ct = default) =>
        SingleVersionAsync($"WHERE document = @d AND generation = {Generation} AND captured_at <= @at ORDER BY captured_at DESC, number DESC LIMIT 1", ct, ("d", document), ("at", CatalogTime.Write(at)));

    public Task<DocumentVersion?> GetVersionInGenerationAsync(string document, int number, int generation, CancellationToken ct = default) =>
        SingleVersionAsync("WHERE document = @d AND generation = @g AND number = @n", ct, ("d", document), ("g", generation), ("n", number));

    public async Task<IReadOnlyList<DocumentVersion>> GetVersionsAsync(string document, CancellationToken ct = default) =>
        await QueryAsync(VersionSelect + $"WHERE document = @d AND generation = {Generation} ORDER BY number", ReadVersion, ct, ("d", document));

    public async Task<int> GetGenerationAsync(string document, CancellationToken ct = default) =>
        (await QueryAsync($"SELECT {Generation}", r => r.GetInt32(0), ct, ("d", document)))[0];

    public async Task<bool> HasSourceAsync(string document, string source, CancellationToken ct = default) =>
        (await QueryAsync("SELECT COUNT(*) FROM observations WHERE document = @d AND source = @s", r => r.GetInt64(0), ct, ("d", document), ("s", source)))[0] > 0;

    public async Task<IReadOnlyList<Observation>> GetObservationsAsync(string document, CancellationToken ct = default) =>
        await QueryAsync(ObservationSql.Current + "WHERE o.document = @d ORDER BY o.at, o.id", ReadObservation, ct, ("d", document));

    public async Task<IReadOnlyList<Change>> GetChangesAsync(string document, CancellationToken ct = default) =>
        await QueryAsync($"SELECT {ChangeColumns} FROM changes c WHERE c.document = @d AND c.generation = {Generation} ORDER BY c.to_version", ReadChange, ct, ("d", document));

    public async Task<IReadOnlyList<Change>> GetAllChangesAsync(CancellationToken ct = default) =>
        await QueryAsync($"""
            SELECT {ChangeColumns}
            FROM changes c WHERE c.generation = COALESCE((SELECT g.generation FROM generations g WHERE g.document = c.document), 0)
            ORDER BY c.document, c.to_version
            """, ReadChange, ct);

    public async Task<Snapshot?> GetSnapshotAsync(long observationId, CancellationToken ct = default)
    {
        var rows = await QueryAsync("""
            SELECT observation_id, body_sha256, body_size, content_type, charset, http_status, final_url, headers, dom_sha256, screenshot_sha256
            FROM snapshots WHERE observation_id = @id
            """, r => new Snapshot(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), Sql.NullableString(r, 4), r.GetInt32(5),
                r.GetString(6), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(7)) ?? [],
                Sql.NullableString(r, 8), Sql.NullableString(r, 9)), ct, ("id", observationId));
        if (rows.FirstOrDefault() is not { } found) return null;
        var parts = await QueryAsync("SELECT url, body_sha256, content_type, dom_sha256 FROM snapshot_parts WHERE observation_id = @id ORDER BY part",
            r => new SnapshotPart(r.GetString(0), r.GetString(1), r.GetString(2), Sql.NullableString(r, 3)), ct, ("id", observationId));
        return found with { Parts = parts };
    }

    public async Task<Snapshot?> GetLatestSnapshotAsync(string document, CancellationToken ct = default) =>
        (await QueryAsync("""
            SELECT o.id FROM observations o JOIN snapshots s ON s.observation_id = o.id
            WHERE o.document = @d ORDER BY o.at DESC, o.id DESC LIMIT 1
            """, r => r.GetInt64(0), ct, ("d", document))) is [var id] ? await GetSnapshotAsync(id, ct) : null;

    public async Task<IReadOnlyList<string>> GetDocumentsAsync(CancellationToken ct = default) =>
        await QueryAsync("SELECT DISTINCT document FROM observations ORDER BY document", r => r.GetString(0), ct);

    public async Task<DateTimeOffset?> GetLastObservationAtAsync(string document, CancellationToken ct = default) =>
        (await QueryAsync("SELECT MAX(at) FROM observations WHERE document = @d", NullableTime, ct, ("d", document)))[0];

    public async Task<Availability> GetAvailabilityAsync(string document, CancellationToken ct = default)
    {
        var ok = ("ok", WriteOutcome(Outcome.Ok));
        var last = (await QueryAsync(ObservationSql.Current + "WHERE o.document = @d ORDER BY o.at DESC, o.id DESC LIMIT 1", ReadObservation, ct, ("d", document))).FirstOrDefault();
        var lastOk = (await QueryAsync("SELECT MAX(at) FROM observations WHERE document = @d AND outcome = @ok", NullableTime, ct, ("d", document), ok))[0];
        var versions = (int)(await QueryAsync($"SELECT COUNT(*) FROM versions WHERE document = @d AND generation = {Generation}", r => r.GetInt64(0), ct, ("d", document)))[0];
        if (last is null) return new Availability(document, null, null, null, 0, versions);
        // The streak: every attempt since the last one that went the other way (ok versus failing).
        var breakSql = last.Outcome == Outcome.Ok
            ? "SELECT MAX(at) FROM observations WHERE document = @d AND outcome <> @ok"
            : "SELECT MAX(at) FROM observations WHERE document = @d AND outcome = @ok";
        var brokenAt = (await QueryAsync(breakSql, r => Sql.NullableString(r, 0), ct, ("d", document), ok))[0];
        var (count, since) = (await QueryAsync("SELECT COUNT(*), MIN(at) FROM observations WHERE document = @d AND at > @after",
            r => ((int)r.GetInt64(0), NullableTime(r, 1)), ct, ("d", document), ("after", brokenAt ?? "")))[0];
        return new Availability(document, last, lastOk, since, count, versions);
    }

    public async Task<IReadOnlyDictionary<string, Observation>> GetLastAttemptsAsync(CancellationToken ct = default) =>
        (await QueryAsync(ObservationSql.Current + ObservationSql.LastOfEachDocument, ReadObservation, ct)).ToDictionary(o => o.Document, StringComparer.Ordinal);

    public async Task<Observation?> GetObservationAsync(long id, CancellationToken ct = default) =>
        (await QueryAsync(ObservationSql.Current + "WHERE o.id = @id", ReadObservation, ct, ("id", id))).FirstOrDefault();

    public async Task<Observation?> GetRecordedObservationAsync(long id, CancellationToken ct = default) =>
        (await QueryAsync(ObservationSql.Recorded + "WHERE o.id = @id", ReadObservation, ct, ("id", id))).FirstOrDefault();

    private async Task<DocumentVersion?> SingleVersionAsync(string where, CancellationToken ct, params (string, object?)[] parameters) =>
        (await QueryAsync(VersionSelect + where, ReadVersion, ct, parameters)).FirstOrDefault();

    // Flags are INTEGER 0/1 in SQLite and BOOLEAN in PostgreSQL: GetBoolean reads both.
    private static DocumentVersion ReadVersion(DbDataReader r) => new(
        r.GetString(0), r.GetInt32(1), CatalogTime.Read(r.GetString(2)), r.GetString(3), r.GetString(4), r.GetInt64(5),
        r.GetInt32(6), r.GetInt32(7), r.GetString(8), r.GetString(9), r.GetBoolean(10), r.GetBoolean(11), r.GetInt32(12));

    private static Observation ReadObservation(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), CatalogTime.Read(r.GetString(2)), ReadOutcome(r, 3),
        r.IsDBNull(4) ? null : r.GetInt32(4), r.GetString(5), Sql.NullableString(r, 6), Sql.NullableString(r, 7),
        r.GetBoolean(8), r.IsDBNull(9) ? null : r.GetInt32(9), Sql.NullableString(r, 10), r.GetInt32(11), r.GetInt64(12), Sql.NullableString(r, 13));

    private static Change ReadChange(DbDataReader r) => new(r.GetString(0), r.GetInt32(1), r.GetInt32(2), CatalogTime.Read(r.GetString(3)),
        r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetBoolean(8));

    // The one place each way an observation's outcome crosses the database: rows keep its wire name (ok, blocked…).
    private static object WriteOutcome(Outcome outcome) => outcome.ToWire();

    private static Outcome ReadOutcome(DbDataReader r, int ordinal) => Outcomes.Parse(r.GetString(ordinal));

    private static DateTimeOffset? NullableTime(DbDataReader r) => NullableTime(r, 0);

    private static DateTimeOffset? NullableTime(DbDataReader r, int i) => r.IsDBNull(i) ? null : CatalogTime.Read(r.GetString(i));
}
