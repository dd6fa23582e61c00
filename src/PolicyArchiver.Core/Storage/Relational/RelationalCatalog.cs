using System.Data.Common;
using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Storage.Relational;

/// <summary>
/// The catalog, written once over ADO.NET for both of its databases: SQLite (embedded, one file
/// per archive) and PostgreSQL (distributed). Both hold the same rows with the same meaning, so the ledger, verification and
/// every reader work the same on either; what really differs is the <see cref="SqlDialect"/>.
/// </summary>
/// <remarks>
/// Every write that appends to the ledger runs in one transaction from <see cref="SqlDialect.BeginWriteAsync"/>,
/// which takes the catalog's one write lock first: the ledger grows in the same transaction as the
/// rows it covers, with gapless sequence numbers, whatever the number of writers.
/// </remarks>
internal abstract partial class RelationalCatalog : ICatalog, IAsyncDisposable, IDisposable
{
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;

    private protected RelationalCatalog(SqlDialect dialect, TimeProvider time)
    {
        _dialect = dialect;
        _time = time;
    }

    public Task InitializeAsync(CancellationToken ct = default) => _dialect.InitializeAsync(() => CatalogTime.Write(_time.GetUtcNow()), ct);

    /// <summary>Runs <paramref name="write"/> in a write transaction and commits it: all of it lands or none of it does.</summary>
    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken ct)
    {
        await using var c = await _dialect.OpenWriterAsync(ct);
        await using var tx = await _dialect.BeginWriteAsync(c, ct);
        var result = await write(c, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var c = await _dialect.OpenAsync(ct);
        return await Sql.QueryAsync(c, null, sql, read, ct, parameters);
    }

    /// <summary>One insert (or other statement) of a write, with its parameters.</summary>
    private sealed record Statement(string Sql, params (string Name, object? Value)[] Parameters);

    /// <summary>
    /// Runs statements in order, in one round trip where the database takes batches; a version
    /// number taken meanwhile is a <see cref="VersionConflictException"/>.
    /// </summary>
    private async Task WriteRowsAsync(DbConnection c, DbTransaction tx, IReadOnlyList<Statement> rows, DocumentVersion? version, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        try
        {
            if (c.CanCreateBatch)
            {
                await using var batch = c.CreateBatch();
                batch.Transaction = tx;
                foreach (var row in rows)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = row.Sql;
                    foreach (var (name, value) in row.Parameters) command.Parameters.Add(Sql.Parameter(command.CreateParameter(), name, value));
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync(ct);
            }
            else
            {
                foreach (var row in rows) await Sql.ExecAsync(c, tx, row.Sql, ct, row.Parameters);
            }
        }
        catch (DbException e) when (version is not null && _dialect.IsVersionConflict(e))
        {
            // Cannot happen between writers that hold the write lock; a writer that did not is still a conflict, not a crash.
            throw new VersionConflictException(version.Document, version.Number);
        }
    }

    /// <summary>
    /// Links entries, in order, to the head. The caller's transaction holds the write lock, so no
    /// other writer can read the same head or commit an entry in between: the head is read once.
    /// Returns the last entry linked.
    /// </summary>
    private async Task<LedgerEntry> AppendLedgerAsync(DbConnection c, DbTransaction tx, IEnumerable<PlannedEntry> entries, CancellationToken ct)
    {
        var head = (await Sql.QueryAsync(c, tx, "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1", r => (r.GetInt64(0), r.GetString(1)), ct)).FirstOrDefault();
        var (seq, previous) = head.Item2 is null ? (0L, LedgerChain.Genesis) : head;
        var rows = new List<Statement>();
        LedgerEntry? entry = null;
        foreach (var (kind, subject, body) in entries)
        {
            entry = LedgerChain.Link(++seq, previous, kind, subject, body);
            rows.Add(new("INSERT INTO ledger (seq, kind, subject, json, hash) VALUES (@seq, @kind, @subject, @json, @hash)",
                ("seq", entry.Seq), ("kind", entry.Kind), ("subject", entry.Subject), ("json", entry.Json), ("hash", entry.Hash)));
            previous = entry.Hash;
        }
        await WriteRowsAsync(c, tx, rows, null, ct);
        return entry ?? throw new ArgumentException("no ledger entry to append", nameof(entries));
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _dialect.DisposeAsync();
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        _dialect.Dispose();
    }
}
