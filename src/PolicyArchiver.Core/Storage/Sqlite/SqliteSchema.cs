namespace PolicyArchiver.Storage.Sqlite;

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
        // Versions are derived: a document's history can be derived again (an import of older
        // captures). Each derivation is a generation; earlier ones stay, as the ledger covers them.
        """
        CREATE TABLE versions_g (
            document TEXT NOT NULL,
            generation INTEGER NOT NULL DEFAULT 0,
            number INTEGER NOT NULL,
            captured_at TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            snapshot_sha256 TEXT NOT NULL,
            observation_id INTEGER NOT NULL REFERENCES observations (id),
            added INTEGER NOT NULL,
            removed INTEGER NOT NULL,
            extractor TEXT NOT NULL,
            rules TEXT NOT NULL DEFAULT '',
            technical INTEGER NOT NULL DEFAULT 0,
            ocr INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (document, generation, number)
        );
        INSERT INTO versions_g (document, generation, number, captured_at, text_sha256, snapshot_sha256, observation_id, added, removed, extractor, rules, technical, ocr)
            SELECT document, 0, number, captured_at, text_sha256, snapshot_sha256, observation_id, added, removed, extractor, rules, technical, ocr FROM versions;
        DROP TABLE versions;
        ALTER TABLE versions_g RENAME TO versions;
        CREATE INDEX ix_versions_document_captured ON versions (document, generation, captured_at);
        CREATE TABLE changes_g (
            document TEXT NOT NULL,
            generation INTEGER NOT NULL DEFAULT 0,
            from_version INTEGER NOT NULL,
            to_version INTEGER NOT NULL,
            at TEXT NOT NULL,
            lines_added INTEGER NOT NULL,
            lines_removed INTEGER NOT NULL,
            words_added INTEGER NOT NULL,
            words_removed INTEGER NOT NULL,
            technical INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (document, generation, to_version)
        );
        INSERT INTO changes_g (document, generation, from_version, to_version, at, lines_added, lines_removed, words_added, words_removed, technical)
            SELECT document, 0, from_version, to_version, at, lines_added, lines_removed, words_added, words_removed, technical FROM changes;
        DROP TABLE changes;
        ALTER TABLE changes_g RENAME TO changes;
        CREATE TABLE generations (document TEXT PRIMARY KEY, generation INTEGER NOT NULL);
        ALTER TABLE observations ADD COLUMN source TEXT NULL;
        CREATE INDEX ix_observations_source ON observations (document, source) WHERE source IS NOT NULL;
        CREATE TABLE snapshot_parts (
            observation_id INTEGER NOT NULL REFERENCES observations (id),
            part INTEGER NOT NULL,
            url TEXT NOT NULL,
            body_sha256 TEXT NOT NULL,
            content_type TEXT NOT NULL,
            dom_sha256 TEXT NULL,
            PRIMARY KEY (observation_id, part)
        );
        """,
        // 5: discovery — what a company's homepage links to, kept over time and covered by the ledger.
        """
        CREATE TABLE discoveries (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL,
            at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE INDEX discoveries_company_at ON discoveries (company, at);
        """,
        // 6: what each document's history says is volatile (derived, learned again at will; not in the ledger).
        """
        CREATE TABLE noise_models (
            document TEXT PRIMARY KEY,
            json TEXT NOT NULL
        );
        """,
    ];
}
