using System.Data.Common;
using PolicyArchiver.Storage.Relational;

namespace PolicyArchiver.Storage.Postgres;

/// <summary>Rows copied in from another catalog (<c>migrate-archive</c>): typed to the columns, ids kept.</summary>
internal sealed partial class PostgresDialect
{
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
}
