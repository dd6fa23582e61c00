using System.Data.Common;
using Microsoft.Data.Sqlite;
using PolicyArchiver.Storage.Relational;

namespace PolicyArchiver.Storage.Sqlite;

/// <summary>SQLite as the catalog's database: one file in WAL mode, one writer at a time by <c>BEGIN IMMEDIATE</c>.</summary>
internal sealed class SqliteDialect(string path, bool readOnly) : SqlDialect
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

    public override string Where => path;

    public override IReadOnlyList<string> Migrations => SqliteSchema.Migrations;

    public override string WrittenOrder => "rowid";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        await Sql.ExecAsync(c, null, "PRAGMA busy_timeout = 60000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", ct);
        return c;
    }

    /// <summary>IMMEDIATE takes the write lock up front, so the checks and inserts after it cannot interleave with another writer.</summary>
    public override Task<DbTransaction> BeginWriteAsync(DbConnection c, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)c).BeginTransaction(deferred: false));

    public override async Task InitializeAsync(Func<string> appliedAt, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var c = await OpenAsync(ct);
        await Sql.ExecAsync(c, null, "PRAGMA journal_mode=WAL;", ct);
        await using var tx = await BeginWriteAsync(c, ct);
        await MigrateAsync(c, tx, appliedAt, ct);
        await tx.CommitAsync(ct);
    }

    public override bool IsMissingTable(DbException e) => e.Message.Contains("no such table", StringComparison.Ordinal);

    public override async Task<bool> HasTableAsync(DbConnection c, string table, CancellationToken ct) =>
        Convert.ToInt64(await Sql.ScalarAsync(c, null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @t", ct, ("t", table))) > 0;

    public override async Task CopyInAsync(DbConnection c, DbTransaction tx, IAsyncEnumerable<CatalogRow> rows, CancellationToken ct)
    {
        await foreach (var row in rows.WithCancellation(ct))
        {
            var columns = row.Values.Keys.ToList();
            foreach (var column in columns)
                if (!column.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_')) throw new InvalidDataException($"{row.Table}: bad column name \"{column}\"");
            await Sql.ExecAsync(c, tx, $"INSERT INTO {row.Table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})", ct,
                columns.Select((column, i) => ($"p{i}", row.Values[column])).ToArray());
        }
    }
}
