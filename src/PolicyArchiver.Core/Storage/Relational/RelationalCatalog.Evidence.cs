using System.Data.Common;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Storage.Relational;

/// <summary>Reading the WARC index, the ledger and its checkpoints, discoveries and noise models.</summary>
internal abstract partial class RelationalCatalog
{
    private const string WarcSelect =
        "SELECT record_id, type, role, target_uri, date, file, \"offset\", length, block_digest, payload_digest FROM warc_records ";

    private const string LedgerSelect = "SELECT seq, kind, subject, json, hash FROM ledger ";

    private const string DiscoverySelect = "SELECT id, company, at, outcome, json FROM discoveries ";

    public async Task<IReadOnlyList<WarcRecordLocation>> GetWarcRecordsAsync(long observationId, CancellationToken ct = default) =>
        await QueryAsync(WarcSelect + "WHERE observation_id = @id ORDER BY id", ReadWarc, ct, ("id", observationId));

    public async Task<IReadOnlyList<WarcRecordLocation>> GetAllWarcRecordsAsync(CancellationToken ct = default) =>
        await QueryAsync(WarcSelect + "ORDER BY file, \"offset\"", ReadWarc, ct);

    public async Task<WarcRecordLocation?> FindResponseAsync(string targetUri, string payloadDigest, CancellationToken ct = default) =>
        (await QueryAsync(WarcSelect + "WHERE payload_digest = @p AND target_uri = @u AND type = 'response' ORDER BY id LIMIT 1", ReadWarc, ct,
            ("p", payloadDigest), ("u", targetUri))).FirstOrDefault();

    public async Task<WarcRecordLocation?> FindPayloadAsync(string payloadDigest, string preferredUri, CancellationToken ct = default) =>
        (await QueryAsync(WarcSelect + "WHERE payload_digest = @p AND type = 'response' ORDER BY CASE WHEN target_uri = @u THEN 0 ELSE 1 END, id LIMIT 1",
            ReadWarc, ct, ("p", payloadDigest), ("u", preferredUri))).FirstOrDefault();

    public async Task<WarcRecordLocation?> FindBlockAsync(string role, string blockDigest, CancellationToken ct = default) =>
        (await QueryAsync(WarcSelect + "WHERE block_digest = @b AND role = @r ORDER BY id LIMIT 1", ReadWarc, ct,
            ("b", blockDigest), ("r", role))).FirstOrDefault();

    public Task<WarcRecordLocation?> FindNearestResponseAsync(string targetUri, DateTimeOffset at, CancellationToken ct = default) =>
        NearestAsync("target_uri = @u", at, ct, ("u", targetUri));

    public Task<WarcRecordLocation?> FindNearestResponseWithAnyQueryAsync(string withoutQuery, DateTimeOffset at, CancellationToken ct = default) =>
        // substr, not LIKE: SQLite's LIKE ignores ASCII case, and a URL's path does not.
        NearestAsync("substr(target_uri, 1, @n) = @prefix", at, ct, ("n", withoutQuery.Length + 1), ("prefix", withoutQuery + "?"));

    /// <summary>
    /// The last response or revisit at or before the instant and the first after it, each one range
    /// of the (target_uri, date) index; the nearer of the two, the earlier when they are as near.
    /// </summary>
    private async Task<WarcRecordLocation?> NearestAsync(string match, DateTimeOffset at, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        (string, object?)[] all = [.. parameters, ("at", CatalogTime.Write(at))];
        var where = WarcSelect + "WHERE " + match + " AND type IN ('response', 'revisit') AND date ";
        var before = (await QueryAsync(where + "<= @at ORDER BY date DESC, id DESC LIMIT 1", ReadWarc, ct, all)).FirstOrDefault();
        var after = (await QueryAsync(where + "> @at ORDER BY date, id LIMIT 1", ReadWarc, ct, all)).FirstOrDefault();
        if (before is null || after is null) return before ?? after;
        return after.Date - at < at - before.Date ? after : before;
    }

    public async Task<LedgerEntry?> GetLedgerHeadAsync(CancellationToken ct = default) =>
        (await QueryAsync(LedgerSelect + "ORDER BY seq DESC LIMIT 1", ReadLedger, ct)).FirstOrDefault();

    public async Task<LedgerEntry?> GetLedgerEntryAsync(string subject, CancellationToken ct = default) =>
        (await QueryAsync(LedgerSelect + "WHERE subject = @s", ReadLedger, ct, ("s", subject))).FirstOrDefault();

    public async Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(long fromSeq, long toSeq, CancellationToken ct = default) =>
        await QueryAsync(LedgerSelect + "WHERE seq >= @from AND seq <= @to ORDER BY seq", ReadLedger, ct, ("from", fromSeq), ("to", toSeq));

    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken ct = default)
    {
        var counts = new Dictionary<string, long>();
        foreach (var (kind, table) in LedgerPlan.CoveredTables)
            counts[kind] = (await QueryAsync($"SELECT COUNT(*) FROM {table}", r => r.GetInt64(0), ct))[0];
        return counts;
    }

    public async Task AddCheckpointAsync(Checkpoint k, CancellationToken ct = default)
    {
        // No ledger entry, so no write lock: a checkpoint of a seq already recorded is simply kept.
        await using var c = await _dialect.OpenWriterAsync(ct);
        await Sql.ExecAsync(c, null, """
            INSERT INTO checkpoints (seq, at, head_hash, statement, signature, timestamp_response, tsa_url)
            VALUES (@seq, @at, @head, @statement, @signature, @tsr, @tsa)
            ON CONFLICT (seq) DO NOTHING
            """, ct,
            ("seq", k.Seq), ("at", CatalogTime.Write(k.At)), ("head", k.HeadHash), ("statement", k.Statement), ("signature", k.Signature),
            ("tsr", k.TimestampResponse), ("tsa", k.TsaUrl));
    }

    public async Task<IReadOnlyList<Checkpoint>> GetCheckpointsAsync(CancellationToken ct = default) =>
        await QueryAsync("SELECT seq, at, head_hash, statement, signature, timestamp_response, tsa_url FROM checkpoints ORDER BY seq",
            r => new Checkpoint(r.GetInt64(0), CatalogTime.Read(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetFieldValue<byte[]>(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<byte[]>(5), Sql.NullableString(r, 6)), ct);

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
        catch (DbException e) when (_dialect.IsMissingTable(e))
        {
            return null; // a catalog opened read-only before its upgrade: nothing learned yet
        }
    }

    public async Task SaveNoiseModelAsync(string document, string json, CancellationToken ct = default)
    {
        await using var c = await _dialect.OpenWriterAsync(ct);
        await Sql.ExecAsync(c, null, "INSERT INTO noise_models (document, json) VALUES (@d, @j) ON CONFLICT (document) DO UPDATE SET json = excluded.json", ct,
            ("d", document), ("j", json));
    }

    private static WarcRecordLocation ReadWarc(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), CatalogTime.Read(r.GetString(4)), r.GetString(5),
        r.GetInt64(6), r.GetInt64(7), r.GetString(8), Sql.NullableString(r, 9));

    private static LedgerEntry ReadLedger(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4));

    private static DiscoveryRecord ReadDiscovery(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), CatalogTime.Read(r.GetString(2)), r.GetString(3), r.GetString(4));
}
