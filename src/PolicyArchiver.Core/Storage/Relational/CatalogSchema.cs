namespace PolicyArchiver.Storage.Relational;

/// <summary>
/// The catalog's versioned schema, written once for both databases: the same tables, columns and
/// indexes, with the few column types that differ (<see cref="Types"/>). A migration is appended,
/// never edited: databases record which numbers they applied, so each keeps its number and effect.
/// </summary>
/// <remarks>
/// Instants are <c>TEXT</c> in <see cref="CatalogTime"/>'s fixed-width UTC form, not <c>timestamptz</c>:
/// the ledger commits to 100-ns ticks and verification rebuilds every body from the rows byte for
/// byte, while <c>timestamptz</c> keeps only microseconds. Columns that are ordered or compared
/// (documents, companies, instants, WARC file names) are <see cref="Types.Ordered"/>: byte order
/// whatever the locale (<c>COLLATE "C"</c>, SQLite's BINARY), so text order is time order and lists come
/// out the same on both. Reports and headers are <c>TEXT</c>, never <c>jsonb</c>, which reorders keys:
/// the ledger commits to the SHA-256 of a report exactly as recorded.
/// </remarks>
internal static class CatalogSchema
{
    /// <summary>
    /// The column types that differ: an id the database assigns, 64-bit integers, flags and their
    /// false, bytes, byte-ordered text, and the <c>offset</c> column (a reserved word in PostgreSQL).
    /// </summary>
    public sealed record Types(string Id, string Long, string Flag, string False, string Bytes, string Ordered, string Offset);

    /// <summary>
    /// The seven migrations. The fourth (versions in generations) differs in kind, not only in types:
    /// it is the dialect's own, followed by the table of multi-page snapshots' parts, the same in both.
    /// </summary>
    public static IReadOnlyList<string> Migrations(Types t, string generations) =>
        [Render(Observations, t), Render(WarcAndLedger, t), Render(ExtractionRules, t), generations + "\n" + Render(SnapshotParts, t), Render(Discoveries, t), Render(NoiseModels, t), Render(ReplayLookup, t)];

    private static string Render(string sql, Types t) => sql
        .Replace("{id}", t.Id, StringComparison.Ordinal).Replace("{long}", t.Long, StringComparison.Ordinal)
        .Replace("{flag}", t.Flag, StringComparison.Ordinal).Replace("{false}", t.False, StringComparison.Ordinal)
        .Replace("{bytes}", t.Bytes, StringComparison.Ordinal).Replace("{ordered}", t.Ordered, StringComparison.Ordinal)
        .Replace("{offset}", t.Offset, StringComparison.Ordinal);

    private const string Observations = """
        CREATE TABLE observations (
            id {id},
            document {ordered} NOT NULL,
            at {ordered} NOT NULL,
            outcome TEXT NOT NULL,
            http_status INTEGER NULL,
            url TEXT NOT NULL,
            final_url TEXT NULL,
            snapshot_sha256 TEXT NULL,
            new_version {flag} NOT NULL,
            version INTEGER NULL,
            detail TEXT NULL,
            attempts INTEGER NOT NULL,
            duration_ms {long} NOT NULL
        );
        CREATE INDEX ix_observations_document_at ON observations (document, at);
        CREATE TABLE snapshots (
            observation_id {long} PRIMARY KEY REFERENCES observations (id),
            body_sha256 TEXT NOT NULL,
            body_size {long} NOT NULL,
            content_type TEXT NOT NULL,
            charset TEXT NULL,
            http_status INTEGER NOT NULL,
            final_url TEXT NOT NULL,
            headers TEXT NOT NULL,
            dom_sha256 TEXT NULL,
            screenshot_sha256 TEXT NULL
        );
        CREATE INDEX ix_snapshots_body ON snapshots (body_sha256);
        CREATE TABLE versions (
            document {ordered} NOT NULL,
            number INTEGER NOT NULL,
            captured_at {ordered} NOT NULL,
            text_sha256 TEXT NOT NULL,
            snapshot_sha256 TEXT NOT NULL,
            observation_id {long} NOT NULL REFERENCES observations (id),
            added INTEGER NOT NULL,
            removed INTEGER NOT NULL,
            extractor TEXT NOT NULL,
            PRIMARY KEY (document, number)
        );
        CREATE INDEX ix_versions_document_captured ON versions (document, captured_at);
        CREATE TABLE changes (
            document {ordered} NOT NULL,
            from_version INTEGER NOT NULL,
            to_version INTEGER NOT NULL,
            at {ordered} NOT NULL,
            lines_added INTEGER NOT NULL,
            lines_removed INTEGER NOT NULL,
            words_added INTEGER NOT NULL,
            words_removed INTEGER NOT NULL,
            PRIMARY KEY (document, to_version)
        );
        """;

    private const string WarcAndLedger = """
        CREATE TABLE warc_records (
            id {id},
            observation_id {long} NOT NULL REFERENCES observations (id),
            record_id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            role TEXT NOT NULL,
            target_uri TEXT NOT NULL,
            date {ordered} NOT NULL,
            file {ordered} NOT NULL,
            {offset} {long} NOT NULL,
            length {long} NOT NULL,
            block_digest TEXT NOT NULL,
            payload_digest TEXT NULL
        );
        CREATE INDEX ix_warc_records_observation ON warc_records (observation_id);
        CREATE INDEX ix_warc_records_payload ON warc_records (payload_digest, target_uri);
        CREATE INDEX ix_warc_records_block ON warc_records (block_digest, role);
        CREATE TABLE ledger (
            seq {long} PRIMARY KEY,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL UNIQUE,
            json TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE checkpoints (
            seq {long} PRIMARY KEY,
            at {ordered} NOT NULL,
            head_hash TEXT NOT NULL,
            statement TEXT NOT NULL,
            signature {bytes} NOT NULL,
            timestamp_response {bytes} NULL,
            tsa_url TEXT NULL
        );
        """;

    private const string ExtractionRules = """
        ALTER TABLE versions ADD COLUMN rules TEXT NOT NULL DEFAULT '';
        ALTER TABLE versions ADD COLUMN technical {flag} NOT NULL DEFAULT {false};
        ALTER TABLE versions ADD COLUMN ocr {flag} NOT NULL DEFAULT {false};
        ALTER TABLE changes ADD COLUMN technical {flag} NOT NULL DEFAULT {false};
        """;

    private const string SnapshotParts = """
        CREATE TABLE snapshot_parts (
            observation_id {long} NOT NULL REFERENCES observations (id),
            part INTEGER NOT NULL,
            url TEXT NOT NULL,
            body_sha256 TEXT NOT NULL,
            content_type TEXT NOT NULL,
            dom_sha256 TEXT NULL,
            PRIMARY KEY (observation_id, part)
        );
        """;

    /// <summary>5: discovery — what a company's homepage links to, kept over time and covered by the ledger.</summary>
    private const string Discoveries = """
        CREATE TABLE discoveries (
            id {id},
            company {ordered} NOT NULL,
            at {ordered} NOT NULL,
            outcome TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE INDEX discoveries_company_at ON discoveries (company, at);
        """;

    /// <summary>6: what each document's history says is volatile (derived, learned again at will; not in the ledger).</summary>
    private const string NoiseModels = """
        CREATE TABLE noise_models (
            document {ordered} PRIMARY KEY,
            json TEXT NOT NULL
        );
        """;

    /// <summary>
    /// 7: replay looks a URL's responses up by the instant nearest to a moment (the page and each of its
    /// resources); an existing archive gets the index when it is next opened for writing.
    /// </summary>
    private const string ReplayLookup = """
        CREATE INDEX ix_warc_records_target_date ON warc_records (target_uri, date);
        """;
}
