using PolicyArchiver.Storage.Relational;

namespace PolicyArchiver.Storage.Sqlite;

/// <summary>The catalog's schema (<see cref="CatalogSchema"/>) in SQLite's types: every integer is INTEGER, flags are 0/1.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> Migrations = CatalogSchema.Migrations(
        new(Id: "INTEGER PRIMARY KEY", Long: "INTEGER", Flag: "INTEGER", False: "0", Bytes: "BLOB", Ordered: "TEXT", Offset: "offset"),
        Generations);

    /// <summary>
    /// 4: versions are derived: a document's history can be derived again (an import of older
    /// captures). Each derivation is a generation; earlier ones stay, as the ledger covers them.
    /// SQLite cannot change a primary key, so it copies the tables.
    /// </summary>
    private const string Generations =
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
        """;
}
