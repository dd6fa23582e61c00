using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Search;

/// <summary>
/// The embedded search index: SQLite FTS5 in its own file, <c>archive/search.db</c>, beside (not
/// inside) the catalog: the catalog stays evidence only, the server can keep its catalog read-only
/// while the index grows, and deleting search.db costs nothing but a rebuild.
/// </summary>
/// <remarks>
/// FTS5 holds the stems, space-separated, under the <c>unicode61</c> tokenizer with diacritics kept
/// (the stems are lower-case already; folding й into и would make the two backends differ). Prefix
/// indexes of 2 to 4 characters keep the prefix queries every search term makes fast.
/// </remarks>
internal sealed class SqliteSearchIndex(string path) : ISearchIndex
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS search_versions (
            id INTEGER PRIMARY KEY,
            document TEXT NOT NULL,
            number INTEGER NOT NULL,
            text_sha256 TEXT NOT NULL,
            captured_at TEXT NOT NULL,
            language TEXT NOT NULL,
            UNIQUE (document, number));
        CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(stems, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='2 3 4');
        CREATE TABLE IF NOT EXISTS search_state (key TEXT PRIMARY KEY, value TEXT);
        """;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

    public string Path { get; } = path;

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await ExecAsync(c, null, "PRAGMA journal_mode=WAL;", ct);
        await ExecAsync(c, null, Schema, ct);
    }

    public async Task<string?> GetWatermarkAsync(CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var q = Command(c, null, "SELECT value FROM search_state WHERE key = 'watermark'");
        return await q.ExecuteScalarAsync(ct) as string;
    }

    public async Task SetWatermarkAsync(string? watermark, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await ExecAsync(c, null, "INSERT INTO search_state (key, value) VALUES ('watermark', $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ct, ("$v", watermark));
    }

    public async Task<IReadOnlyList<IndexedVersion>> GetIndexedAsync(CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        return await IndexedVersionReader.ReadAsync(Command(c, null, "SELECT document, number, text_sha256, captured_at FROM search_versions"), ct);
    }

    public async Task AddAsync(IReadOnlyList<AnalysedVersion> versions, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        // IMMEDIATE: two processes bringing the index up to date at once take turns.
        await using var tx = c.BeginTransaction(deferred: false);
        foreach (var analysed in versions)
        {
            var v = analysed.Version;
            await using var insert = Command(c, tx, """
                INSERT INTO search_versions (document, number, text_sha256, captured_at, language) VALUES ($d, $n, $s, $t, $l)
                ON CONFLICT (document, number) DO NOTHING RETURNING id
                """, ("$d", v.Document), ("$n", v.Number), ("$s", v.TextSha256), ("$t", CatalogTime.Write(v.CapturedAt)), ("$l", analysed.Language));
            if (await insert.ExecuteScalarAsync(ct) is not long id) continue;
            await ExecAsync(c, tx, "INSERT INTO search_text (rowid, stems) VALUES ($id, $stems)", ct, ("$id", id), ("$stems", string.Join(' ', analysed.Stems)));
        }
        await tx.CommitAsync(ct);
    }

    public async Task RemoveAsync(IReadOnlyList<IndexedVersion> versions, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction(deferred: false);
        foreach (var v in versions)
        {
            await using var find = Command(c, tx, "DELETE FROM search_versions WHERE document = $d AND number = $n RETURNING id", ("$d", v.Document), ("$n", v.Number));
            if (await find.ExecuteScalarAsync(ct) is long id) await ExecAsync(c, tx, "DELETE FROM search_text WHERE rowid = $id", ct, ("$id", id));
        }
        await tx.CommitAsync(ct);
    }

    public async Task ClearAsync(CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = c.BeginTransaction(deferred: false);
        await ExecAsync(c, tx, "DELETE FROM search_versions; DELETE FROM search_text; DELETE FROM search_state;", ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<IndexedVersion>> MatchAsync(SearchQuery query, IReadOnlyCollection<string>? documents, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        var sql = """
            SELECT v.document, v.number, v.text_sha256, v.captured_at FROM search_text JOIN search_versions v ON v.id = search_text.rowid
            WHERE search_text MATCH $q
            """;
        if (documents is not null) sql += " AND v.document IN (SELECT value FROM json_each($docs))";
        var q = Command(c, null, sql, ("$q", Expression(query)), ("$docs", JsonSerializer.Serialize(documents ?? [])));
        return await IndexedVersionReader.ReadAsync(q, ct);
    }

    public async Task<IReadOnlyList<IndexedVersion>> VersionsOfAsync(IReadOnlyCollection<string> documents, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        var q = Command(c, null, "SELECT document, number, text_sha256, captured_at FROM search_versions WHERE document IN (SELECT value FROM json_each($docs))",
            ("$docs", JsonSerializer.Serialize(documents)));
        return await IndexedVersionReader.ReadAsync(q, ct);
    }

    /// <summary>
    /// The query in FTS5's syntax: <c>("треть"* + "лиц"*) AND ("дерек"* OR "деректер"*)</c>. Stems are
    /// letters and digits only, so quoting them is enough.
    /// </summary>
    internal static string Expression(SearchQuery query)
    {
        var expression = new StringBuilder();
        foreach (var clause in query.Clauses)
        {
            if (expression.Length > 0) expression.Append(" AND ");
            expression.Append('(').AppendJoin(" OR ", clause.Phrases.Select(p => string.Join(" + ", p.Select(s => $"\"{s}\"*")))).Append(')');
        }
        return expression.ToString();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        return c;
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static async Task ExecAsync(SqliteConnection c, SqliteTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(c, tx, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Nothing held open: connections are pooled per file.</summary>
    public void Dispose()
    {
    }
}
