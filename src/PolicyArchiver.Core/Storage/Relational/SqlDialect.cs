using System.Data.Common;

namespace PolicyArchiver.Storage.Relational;

/// <summary>
/// What really differs between the two databases the catalog runs on: how a connection is opened,
/// how writers take the write lock, how the schema is migrated, how errors read and how copied
/// rows go in. Every query is written once in <see cref="RelationalCatalog"/>, in SQL both read alike.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable, IDisposable
{
    /// <summary>Where the catalog is, safe to show (no credentials).</summary>
    public abstract string Where { get; }

    /// <summary>The schema's migrations, in order; a migration is appended, never edited.</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>A connection for reading.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>A connection for writing; a read-only catalog may say no before touching the database.</summary>
    public virtual Task<DbConnection> OpenWriterAsync(CancellationToken ct) => OpenAsync(ct);

    /// <summary>
    /// A transaction that holds the catalog's one write lock from its first statement, so the
    /// next-version check, the ledger head read and the inserts cannot interleave with another writer.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection c, CancellationToken ct);

    /// <summary>Creates or upgrades the schema (a read-only catalog checks it instead); <paramref name="appliedAt"/> stamps a migration.</summary>
    public abstract Task InitializeAsync(Func<string> appliedAt, CancellationToken ct);

    /// <summary>A table the query named is not there: a catalog opened read-only before its upgrade.</summary>
    public abstract bool IsMissingTable(DbException e);

    /// <summary>An insert lost the race for a version number (a writer that did not hold the lock).</summary>
    public virtual bool IsVersionConflict(DbException e) => false;

    /// <summary>Whether a table exists, for copying out of a catalog that may predate it.</summary>
    public virtual Task<bool> HasTableAsync(DbConnection c, string table, CancellationToken ct) => Task.FromResult(true);

    /// <summary>What orders a table's rows as they were written, for copying them out.</summary>
    public abstract string WrittenOrder { get; }

    /// <summary>Inserts rows copied from another catalog with their ids as they were, inside the caller's write transaction.</summary>
    public abstract Task CopyInAsync(DbConnection c, DbTransaction tx, IAsyncEnumerable<CatalogRow> rows, CancellationToken ct);

    /// <summary>
    /// Applies the migrations not yet in <c>schema_migrations</c>, inside the caller's transaction
    /// (which holds the lock that keeps two processes from migrating at once), marking each one.
    /// </summary>
    protected async Task MigrateAsync(DbConnection c, DbTransaction tx, Func<string> appliedAt, CancellationToken ct)
    {
        await Sql.ExecAsync(c, tx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", ct);
        var applied = await Sql.QueryAsync(c, tx, "SELECT version FROM schema_migrations", r => r.GetInt32(0), ct);
        for (var v = 1; v <= Migrations.Count; v++)
        {
            if (applied.Contains(v)) continue;
            await Sql.ExecAsync(c, tx, Migrations[v - 1], ct);
            await Sql.ExecAsync(c, tx, "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)", ct, ("v", v), ("at", appliedAt()));
        }
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
