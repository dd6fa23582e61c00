using System.Runtime.CompilerServices;

namespace PolicyArchiver.Storage.Relational;

/// <summary>Copying a whole catalog in or out (<c>migrate-archive</c>), rows as they are.</summary>
internal abstract partial class RelationalCatalog
{
    public async IAsyncEnumerable<CatalogRow> ExportAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await _dialect.OpenAsync(ct);
        foreach (var table in CatalogRow.Tables)
        {
            // A catalog opened read-only may predate a table (it is upgraded on its next write): nothing to copy from it.
            if (!await _dialect.HasTableAsync(c, table, ct)) continue;
            // Table names are the constants of CatalogRow.Tables, never values from outside.
            await using var select = Sql.Command(c, null, $"SELECT * FROM {table} ORDER BY {_dialect.WrittenOrder}");
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++) values[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                yield return new CatalogRow(table, values);
            }
        }
    }

    public Task ImportAsync(IAsyncEnumerable<CatalogRow> rows, CancellationToken ct = default) =>
        WriteAsync(async (c, tx) =>
        {
            foreach (var table in CatalogRow.Tables)
                if (Convert.ToBoolean(await Sql.ScalarAsync(c, tx, $"SELECT EXISTS (SELECT 1 FROM {table})", ct)))
                    throw new InvalidOperationException($"the target catalog at {_dialect.Where} is not empty ({table} has rows): an archive is only copied into an empty one");
            await _dialect.CopyInAsync(c, tx, KnownTables(rows, ct), ct);
            return true;
        }, ct);

    private static async IAsyncEnumerable<CatalogRow> KnownTables(IAsyncEnumerable<CatalogRow> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (!CatalogRow.Tables.Contains(row.Table)) throw new InvalidDataException($"unknown catalog table \"{row.Table}\"");
            yield return row;
        }
    }
}
