using System.Runtime.CompilerServices;
using Npgsql;

namespace PolicyArchiver.Storage.Postgres;

/// <summary>Copying a whole catalog in or out (<c>migrate-archive</c>), rows as they are.</summary>
public sealed partial class PostgresCatalog
{
    public async IAsyncEnumerable<CatalogRow> ExportAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        foreach (var table in CatalogRow.Tables)
        {
            // Rows in the order they were written: by the first column of the primary key (ids, seq).
            await using var select = new NpgsqlCommand($"SELECT * FROM {table} ORDER BY 1", c);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++) values[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                yield return new CatalogRow(table, values);
            }
        }
    }

    public async Task ImportAsync(IAsyncEnumerable<CatalogRow> rows, CancellationToken ct = default)
    {
        await using var c = await OpenWriterAsync(ct);
        await using var tx = await BeginLedgerTransactionAsync(c, ct);
        var types = new Dictionary<(string Table, string Column), string>();
        await using (var columns = new NpgsqlCommand("SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()", c, tx))
        await using (var reader = await columns.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) types[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        foreach (var table in CatalogRow.Tables)
        {
            await using var count = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table})", c, tx);
            if ((bool)(await count.ExecuteScalarAsync(ct))!)
                throw new InvalidOperationException($"the target catalog at {Server} is not empty ({table} has rows): an archive is only copied into an empty one");
        }
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (!CatalogRow.Tables.Contains(row.Table)) throw new InvalidDataException($"unknown catalog table \"{row.Table}\"");
            var columns = row.Values.Keys.ToList();
            foreach (var column in columns)
                if (!types.ContainsKey((row.Table, column))) throw new InvalidDataException($"{row.Table}.{column}: no such column in the PostgreSQL catalog");
            // Ids are kept as they are: the ledger names observations by id.
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {row.Table} ({string.Join(", ", columns.Select(Quote))}) OVERRIDING SYSTEM VALUE VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})", c, tx);
            for (var i = 0; i < columns.Count; i++) insert.Parameters.AddWithValue($"p{i}", Coerce(row.Values[columns[i]], types[(row.Table, columns[i])]) ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(ct);
        }
        // Identity columns continue after the copied ids.
        await using (var identities = new NpgsqlCommand(
                         "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'", c, tx))
        {
            var list = new List<(string, string)>();
            await using (var reader = await identities.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) list.Add((reader.GetString(0), reader.GetString(1)));
            foreach (var (table, column) in list.Where(l => CatalogRow.Tables.Contains(l.Item1)))
            {
                await using var restart = new NpgsqlCommand(
                    $"SELECT setval(pg_get_serial_sequence(@t, @c), COALESCE((SELECT MAX({Quote(column)}) FROM {table}), 0) + 1, false)", c, tx);
                restart.Parameters.AddWithValue("t", table);
                restart.Parameters.AddWithValue("c", column);
                await restart.ExecuteNonQueryAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
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
