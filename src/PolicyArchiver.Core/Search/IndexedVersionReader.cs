using System.Data.Common;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Search;

/// <summary>Reads <see cref="IndexedVersion"/> rows (document, number, text_sha256, captured_at) the same way from either backend.</summary>
internal static class IndexedVersionReader
{
    public static async Task<IReadOnlyList<IndexedVersion>> ReadAsync(DbCommand command, CancellationToken ct)
    {
        await using (command)
        {
            var list = new List<IndexedVersion>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                list.Add(new IndexedVersion(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), CatalogTime.Read(reader.GetString(3))));
            return list;
        }
    }
}
