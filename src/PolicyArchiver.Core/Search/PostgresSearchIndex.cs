using System.Text;
using Npgsql;
using NpgsqlTypes;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Search;

/// <summary>
/// The distributed search index: PostgreSQL full-text search in tables beside the catalog's, in
/// the same database. The stems of <see cref="TextAnalyzer"/> are written as a <c>tsvector</c>
/// directly (no text search configuration touches them, like <c>simple</c> but without even its
/// parser), under a GIN index; queries are <c>tsquery</c> with prefix <c>:*</c> and phrase
/// <c>&lt;-&gt;</c>, so both backends match alike.
/// </summary>
/// <remarks>
/// A <c>tsvector</c> keeps positions only up to 16383, and a phrase needs true positions: a long
/// version is split into chunks of <see cref="ChunkWords"/> stems that overlap by
/// <see cref="ChunkOverlap"/>, so a phrase across a boundary lies whole in one of them.
/// </remarks>
internal sealed class PostgresSearchIndex : ISearchIndex
{
    internal const int ChunkWords = 16_000;
    internal const int ChunkOverlap = 64;

    /// <summary>Advisory lock key held while the tables are created ("PASEARCH"), so nodes starting at once do it once.</summary>
    private const long SchemaLock = 0x5041_5345_4152_4348;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS search_versions (
            id BIGSERIAL PRIMARY KEY,
            document TEXT NOT NULL,
            number INTEGER NOT NULL,
            text_sha256 TEXT NOT NULL,
            captured_at TEXT NOT NULL,
            language TEXT NOT NULL,
            UNIQUE (document, number));
        CREATE TABLE IF NOT EXISTS search_chunks (
            version_id BIGINT NOT NULL REFERENCES search_versions (id) ON DELETE CASCADE,
            chunk INTEGER NOT NULL,
            stems TSVECTOR NOT NULL,
            PRIMARY KEY (version_id, chunk));
        CREATE INDEX IF NOT EXISTS search_chunks_stems ON search_chunks USING GIN (stems);
        CREATE TABLE IF NOT EXISTS search_state (key TEXT PRIMARY KEY, value TEXT);
        """;

    private readonly NpgsqlDataSource _source;

    public PostgresSearchIndex(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "policyarchiver-search";
        _source = NpgsqlDataSource.Create(builder);
    }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await ExecAsync(c, tx, "SELECT pg_advisory_xact_lock(@k)", ct, ("k", SchemaLock));
        await ExecAsync(c, tx, Schema, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<string?> GetWatermarkAsync(CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        await using var q = Command(c, null, "SELECT value FROM search_state WHERE key = 'watermark'");
        return await q.ExecuteScalarAsync(ct) as string;
    }

    public async Task SetWatermarkAsync(string? watermark, CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        await ExecAsync(c, null, "INSERT INTO search_state (key, value) VALUES ('watermark', @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ct,
            ("v", (object?)watermark ?? DBNull.Value));
    }

    public async Task<IReadOnlyList<IndexedVersion>> GetIndexedAsync(CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        return await IndexedVersionReader.ReadAsync(Command(c, null, "SELECT document, number, text_sha256, captured_at FROM search_versions"), ct);
    }

    public async Task AddAsync(IReadOnlyList<AnalysedVersion> versions, CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        foreach (var analysed in versions)
        {
            var v = analysed.Version;
            await using var insert = Command(c, tx, """
                INSERT INTO search_versions (document, number, text_sha256, captured_at, language) VALUES (@d, @n, @s, @t, @l)
                ON CONFLICT (document, number) DO NOTHING RETURNING id
                """, ("d", v.Document), ("n", v.Number), ("s", v.TextSha256), ("t", CatalogTime.Write(v.CapturedAt)), ("l", analysed.Language));
            if (await insert.ExecuteScalarAsync(ct) is not long id) continue;
            var chunk = 0;
            foreach (var vector in Chunks(analysed.Stems))
                await ExecAsync(c, tx, "INSERT INTO search_chunks (version_id, chunk, stems) VALUES (@id, @c, @v::tsvector)", ct, ("id", id), ("c", chunk++), ("v", vector));
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>The stems as <c>tsvector</c> literals, one per chunk: <c>'дерек':1,7 'дербес':2</c>.</summary>
    internal static IEnumerable<string> Chunks(IReadOnlyList<string> stems)
    {
        for (var start = 0; start == 0 || start + ChunkOverlap < stems.Count; start += ChunkWords - ChunkOverlap)
        {
            var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = start; i < Math.Min(stems.Count, start + ChunkWords); i++)
            {
                if (!positions.TryGetValue(stems[i], out var list)) positions[stems[i]] = list = [];
                list.Add(i - start + 1);
            }
            yield return string.Join(' ', positions.Select(p => $"'{p.Key}':{string.Join(',', p.Value)}"));
        }
    }

    public async Task RemoveAsync(IReadOnlyList<IndexedVersion> versions, CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        foreach (var v in versions)
            await ExecAsync(c, tx, "DELETE FROM search_versions WHERE document = @d AND number = @n", ct, ("d", v.Document), ("n", v.Number));
        await tx.CommitAsync(ct);
    }

    public async Task ClearAsync(CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        await ExecAsync(c, null, "TRUNCATE search_chunks, search_versions, search_state", ct);
    }

    public async Task<IReadOnlyList<IndexedVersion>> MatchAsync(SearchQuery query, IReadOnlyCollection<string>? documents, CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        // Every clause must match within one chunk of the version, except the chunks overlap only
        // for phrases: each clause is an EXISTS of its own, so words far apart still match together.
        var sql = new StringBuilder("SELECT v.document, v.number, v.text_sha256, v.captured_at FROM search_versions v WHERE ");
        if (documents is not null) sql.Append("v.document = ANY(@docs) AND ");
        var parameters = new List<(string, object?)> { ("docs", documents?.ToArray() ?? []) };
        for (var i = 0; i < query.Clauses.Count; i++)
        {
            if (i > 0) sql.Append(" AND ");
            sql.Append($"EXISTS (SELECT 1 FROM search_chunks s WHERE s.version_id = v.id AND s.stems @@ @q{i}::tsquery)");
            parameters.Add(($"q{i}", Expression(query.Clauses[i])));
        }
        return await IndexedVersionReader.ReadAsync(Command(c, null, sql.ToString(), [.. parameters]), ct);
    }

    public async Task<IReadOnlyList<IndexedVersion>> VersionsOfAsync(IReadOnlyCollection<string> documents, CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        return await IndexedVersionReader.ReadAsync(Command(c, null, "SELECT document, number, text_sha256, captured_at FROM search_versions WHERE document = ANY(@docs)",
            ("docs", documents.ToArray())), ct);
    }

    /// <summary>A clause in <c>tsquery</c> syntax: <c>('треть':* &lt;-&gt; 'лиц':*) | ('дерек':*)</c>. Stems are letters and digits only.</summary>
    internal static string Expression(QueryClause clause) =>
        string.Join(" | ", clause.Phrases.Select(p => "(" + string.Join(" <-> ", p.Select(s => $"'{s}':*")) + ")"));

    private static NpgsqlCommand Command(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, c, tx);
        foreach (var (name, value) in parameters)
            command.Parameters.Add(value is string[] array
                ? new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = array }
                : new NpgsqlParameter(name, value ?? DBNull.Value));
        return command;
    }

    private static async Task ExecAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(c, tx, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    public void Dispose() => _source.Dispose();
}
