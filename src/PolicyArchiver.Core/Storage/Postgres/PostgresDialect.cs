using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using PolicyArchiver.Storage.Relational;

namespace PolicyArchiver.Storage.Postgres;

/// <summary>PostgreSQL as the catalog's database: one database shared by worker processes on several machines.</summary>
/// <remarks>
/// SQLite gives its writers one write lock for free (<c>BEGIN IMMEDIATE</c>). PostgreSQL lets writers
/// run side by side, so every transaction that appends to the ledger first takes
/// <c>pg_advisory_xact_lock(<see cref="LedgerLock"/>)</c>, in READ COMMITTED: each statement after the
/// lock sees everything the previous holder committed, so sequence numbers stay gapless and every
/// entry links to the one before it, across machines (a sequence or an identity column hands out
/// numbers outside transactions and leaves gaps on rollback). Writes are serialised, as in SQLite, for
/// a few round trips only: a record's rows go in one batch, its ledger entries in another, and the
/// slow part of a capture (the browser) happens before, outside any transaction.
/// </remarks>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>Advisory lock key held by every transaction that appends to the ledger ("PALEDGER" in ASCII).</summary>
    internal const long LedgerLock = 0x5041_4C45_4447_4552;

    /// <summary>Advisory lock key held while the schema is migrated, so nodes starting at once migrate once ("PASCHEMA").</summary>
    internal const long SchemaLock = 0x5041_5343_4845_4D41;

    private readonly NpgsqlDataSource _source;
    private readonly bool _readOnly;

    public PostgresDialect(string connectionString, bool readOnly)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "policyarchiver";
        // The same few statements run for every capture: prepared once per connection, they are not
        // parsed and planned again each time (about a third faster per record, measured).
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        // A read-only catalog refuses writes itself, and asks the server to refuse them too.
        if (readOnly) builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        // Host, port and database only: the connection string may hold a password, never shown.
        Where = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        _readOnly = readOnly;
        _source = NpgsqlDataSource.Create(builder);
    }

    public override string Where { get; }

    public override IReadOnlyList<string> Migrations => PostgresSchema.Migrations;

    /// <summary>Rows in the order they were written: by the first column of the primary key (ids, seq).</summary>
    public override string WrittenOrder => "1";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _source.OpenConnectionAsync(ct);

    public override Task<DbConnection> OpenWriterAsync(CancellationToken ct) =>
        _readOnly ? throw new InvalidOperationException($"the PostgreSQL catalog at {Where} is open read-only: it records nothing") : OpenAsync(ct);

    /// <summary>
    /// A transaction that may append to the ledger: READ COMMITTED (so statements after the lock see
    /// the previous holder's commit; a REPEATABLE READ snapshot would be taken before the wait) and
    /// holding <see cref="LedgerLock"/> until it ends. Taken first, before any check, it plays the
    /// part of SQLite's <c>BEGIN IMMEDIATE</c>.
    /// </summary>
    public override Task<DbTransaction> BeginWriteAsync(DbConnection c, CancellationToken ct) => BeginLockedAsync(c, LedgerLock, ct);

    private static async Task<DbTransaction> BeginLockedAsync(DbConnection c, long key, CancellationToken ct)
    {
        var tx = await c.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        try
        {
            await Sql.ExecAsync(c, tx, "SELECT pg_advisory_xact_lock(@k)", ct, ("k", key));
            return tx;
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    public override async Task InitializeAsync(Func<string> appliedAt, CancellationToken ct)
    {
        NpgsqlConnection c;
        try
        {
            c = await _source.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException && !ct.IsCancellationRequested)
        {
            // The first thing a node does: a wrong host, a stopped server or a bad password ends here,
            // and the CLI shows an IOException as a plain error.
            throw new IOException($"PostgreSQL catalog at {Where} is unreachable: {Reason(e)}", e);
        }
        await using (c)
        {
            if (_readOnly)
            {
                await CheckSchemaAsync(c, ct);
                return;
            }
            // One transaction holding SchemaLock: a node starting while another migrates waits, then finds
            // nothing left to do. DDL is transactional in PostgreSQL, so a failed migration leaves the schema as it was.
            await using var tx = await BeginLockedAsync(c, SchemaLock, ct);
            await MigrateAsync(c, tx, appliedAt, ct);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>A read-only catalog cannot create the schema, so it says when there is none (or an older one) to read.</summary>
    private async Task CheckSchemaAsync(NpgsqlConnection c, CancellationToken ct)
    {
        var applied = (bool)(await Sql.ScalarAsync(c, null, "SELECT to_regclass('schema_migrations') IS NOT NULL", ct))!
            ? Convert.ToInt32(await Sql.ScalarAsync(c, null, "SELECT COUNT(*) FROM schema_migrations", ct))
            : 0;
        if (applied < Migrations.Count)
            throw new IOException(applied == 0
                ? $"PostgreSQL catalog at {Where} holds no catalog yet (a writer creates it on first start)"
                : $"PostgreSQL catalog at {Where} has schema version {applied}; this build reads version {Migrations.Count} (start a writer of this build first)");
    }

    public override bool IsMissingTable(DbException e) => e is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable };

    public override bool IsVersionConflict(DbException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "versions_pkey" };

    /// <summary>What went wrong, down to the socket or server error; Npgsql's messages never carry the password.</summary>
    private static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return ReferenceEquals(inner, e) || e.Message.Contains(inner.Message, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({inner.Message})";
    }

    /// <summary>Rows copied in from another catalog (<c>migrate-archive</c>): typed to the columns, ids kept.</summary>
    public override async Task CopyInAsync(DbConnection c, DbTransaction tx, IAsyncEnumerable<CatalogRow> rows, CancellationToken ct)
    {
        var types = (await Sql.QueryAsync(c, tx, "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()",
            r => (Column: (r.GetString(0), r.GetString(1)), Type: r.GetString(2)), ct)).ToDictionary(t => t.Column, t => t.Type);
        await foreach (var row in rows.WithCancellation(ct))
        {
            var columns = row.Values.Keys.ToList();
            foreach (var column in columns)
                if (!types.ContainsKey((row.Table, column))) throw new InvalidDataException($"{row.Table}.{column}: no such column in the PostgreSQL catalog");
            // Ids are kept as they are: the ledger names observations by id.
            await Sql.ExecAsync(c, tx,
                $"INSERT INTO {row.Table} ({string.Join(", ", columns.Select(Quote))}) OVERRIDING SYSTEM VALUE VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})", ct,
                columns.Select((column, i) => ($"p{i}", Coerce(row.Values[column], types[(row.Table, column)]))).ToArray());
        }
        // Identity columns continue after the copied ids.
        var identities = await Sql.QueryAsync(c, tx, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'",
            r => (Table: r.GetString(0), Column: r.GetString(1)), ct);
        foreach (var (table, column) in identities.Where(i => CatalogRow.Tables.Contains(i.Table)))
            await Sql.ExecAsync(c, tx, $"SELECT setval(pg_get_serial_sequence(@t, @c), COALESCE((SELECT MAX({Quote(column)}) FROM {table}), 0) + 1, false)", ct,
                ("t", table), ("c", column));
    }

    private static string Quote(string column) => $"\"{column.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>SQLite keeps flags as 0/1 and every integer as 64 bits: fit them to this column.</summary>
    private static object? Coerce(object? value, string type) => (value, type) switch
    {
        (null, _) => null,
        (long l, "boolean") => l != 0,
        (int i, "boolean") => i != 0,
        (long l, "integer") => checked((int)l),
        (long l, "smallint") => checked((short)l),
        (int i, "bigint") => (long)i,
        _ => value,
    };

    public override ValueTask DisposeAsync() => _source.DisposeAsync();

    public override void Dispose() => _source.Dispose();
}
