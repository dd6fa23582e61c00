using PolicyArchiver.Archiving;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.Postgres;

namespace PolicyArchiver.Search;

/// <summary>Opens the search index that goes with an archive's catalog: search.db beside catalog.db, or tables in the catalog's PostgreSQL database.</summary>
internal static class SearchIndexes
{
    public const string EmbeddedFile = "search.db";

    public static async Task<ISearchIndex> OpenAsync(Archive archive, CancellationToken ct = default)
    {
        ISearchIndex index = archive.Catalog is PostgresCatalog postgres
            ? new PostgresSearchIndex(postgres.ConnectionString)
            : new SqliteSearchIndex(Path.Combine(archive.Directory, EmbeddedFile));
        try
        {
            await index.InitializeAsync(ct);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }
}
