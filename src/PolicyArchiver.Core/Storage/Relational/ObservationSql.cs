namespace PolicyArchiver.Storage.Relational;

/// <summary>
/// How both catalogs select observations, as <c>o</c> (the caller appends WHERE and ORDER BY over
/// <c>o.</c> columns). Written in SQL that SQLite and PostgreSQL read alike.
/// </summary>
internal static class ObservationSql
{
    /// <summary>
    /// The row as recorded, which the observation's ledger entry covers: <c>new_version</c> and
    /// <c>version</c> as they were then. An imported capture has none, and a rebuild leaves every row
    /// as it was, so these go stale when a history is derived again: only verification reads them.
    /// </summary>
    public const string Recorded =
        "SELECT o.id, o.document, o.at, o.outcome, o.http_status, o.url, o.final_url, o.snapshot_sha256, o.new_version, o.version, o.detail, o.attempts, o.duration_ms, o.source FROM observations o ";

    /// <summary>
    /// The row as the document's current generation of versions reads it: whether the observation
    /// started a version of it (a technical version is started by a re-extraction, not by a capture),
    /// and the version in force after it, the latest recorded at or before it in (time, observation
    /// id) order. A version's time is its observation's, except a technical one's, which counts from
    /// when it was recorded. An observation without a snapshot (a failure) has no version, as a
    /// capture records it.
    /// </summary>
    public const string Current = """
        SELECT o.id, o.document, o.at, o.outcome, o.http_status, o.url, o.final_url, o.snapshot_sha256,
            EXISTS (SELECT 1 FROM versions v
                    WHERE v.document = o.document AND v.generation = COALESCE(g.generation, 0) AND v.observation_id = o.id AND NOT v.technical),
            CASE WHEN o.snapshot_sha256 IS NULL THEN NULL ELSE
                (SELECT MAX(v.number) FROM versions v
                 WHERE v.document = o.document AND v.generation = COALESCE(g.generation, 0)
                   AND (v.captured_at < o.at OR (v.captured_at = o.at AND v.observation_id <= o.id))) END,
            o.detail, o.attempts, o.duration_ms, o.source
        FROM observations o LEFT JOIN generations g ON g.document = o.document

        """;

    /// <summary>Narrows <see cref="Current"/> to the latest observation of each document (by time, then id), in both dialects.</summary>
    public const string LastOfEachDocument = """
        WHERE o.id IN (SELECT ranked.id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY document ORDER BY at DESC, id DESC) AS n FROM observations) AS ranked WHERE ranked.n = 1)

        """;
}
