namespace PolicyArchiver.Storage;

/// <summary>Versioned schema of the SQLite catalog; a migration is appended, never edited.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            document TEXT NOT NULL,
            at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            http_status INTEGER NULL,
            url TEXT NOT NULL,
            final_url TEXT NULL,
            snapshot_sha256 TEXT NULL,
            new_version INTEGER NOT NULL,
            version INTEGER NULL,
            detail TEXT NULL,
            attempts INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL
        );
        CREATE INDEX ix_observations_document_at ON observations (document, at);
        CREATE TABLE snapshots (
            observation_id INTEGER PRIMARY KEY REFERENCES observations (id),
            body_sha256 TEXT NOT NULL,
            body_size INTEGER NOT NULL,
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
            document TEXT NOT NULL,
            number INTEGER NOT NULL,
            captured_at TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            snapshot_sha256 TEXT NOT NULL,
            observation_id INTEGER NOT NULL REFERENCES observations (id),
            added INTEGER NOT NULL,
            removed INTEGER NOT NULL,
            extractor TEXT NOT NULL,
            PRIMARY KEY (document, number)
        );
        CREATE INDEX ix_versions_document_captured ON versions (document, captured_at);
        CREATE TABLE changes (
            document TEXT NOT NULL,
            from_version INTEGER NOT NULL,
            to_version INTEGER NOT NULL,
            at TEXT NOT NULL,
            lines_added INTEGER NOT NULL,
            lines_removed INTEGER NOT NULL,
            words_added INTEGER NOT NULL,
            words_removed INTEGER NOT NULL,
            PRIMARY KEY (document, to_version)
        );
        """,
        """
        CREATE TABLE warc_records (
            id INTEGER PRIMARY KEY,
            observation_id INTEGER NOT NULL REFERENCES observations (id),
            record_id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            role TEXT NOT NULL,
            target_uri TEXT NOT NULL,
            date TEXT NOT NULL,
            file TEXT NOT NULL,
            offset INTEGER NOT NULL,
            length INTEGER NOT NULL,
            block_digest TEXT NOT NULL,
            payload_digest TEXT NULL
        );
        CREATE INDEX ix_warc_records_observation ON warc_records (observation_id);
        CREATE INDEX ix_warc_records_payload ON warc_records (payload_digest, target_uri);
        CREATE INDEX ix_warc_records_block ON warc_records (block_digest, role);
        CREATE TABLE ledger (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL UNIQUE,
            json TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE checkpoints (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            head_hash TEXT NOT NULL,
            statement TEXT NOT NULL,
            signature BLOB NOT NULL,
            timestamp_response BLOB NULL,
            tsa_url TEXT NULL
        );
        """,
        """
        ALTER TABLE versions ADD COLUMN rules TEXT NOT NULL DEFAULT '';
        ALTER TABLE versions ADD COLUMN technical INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE versions ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE changes ADD COLUMN technical INTEGER NOT NULL DEFAULT 0;
        """,
    ];
}
