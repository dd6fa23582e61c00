using PolicyArchiver.Archiving;
using PolicyArchiver.Search;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.FileSystem;
using PolicyArchiver.Storage.Postgres;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Search;

/// <summary>
/// The search index contract on the distributed catalog: PostgreSQL full-text search in the
/// catalog's database (a database per test), against a real server.
/// </summary>
public sealed class PostgresSearchIndexTests : SearchIndexContractTests
{
    private string _connectionString = "";
    private PostgresCatalog? _catalog;

    private protected override async Task<Archive> CreateArchiveAsync(string directory)
    {
        _connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        _catalog = new PostgresCatalog(_connectionString, TimeProvider.System);
        await _catalog.InitializeAsync();
        return new Archive(directory, new FileSystemBlobStore(Path.Combine(directory, "blobs")), _catalog, TimeProvider.System);
    }

    protected override async Task ReleaseAsync()
    {
        if (_catalog is not null) await _catalog.DisposeAsync();
        await (await PostgresServer.GetAsync()).DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public void The_distributed_index_lives_in_the_catalogs_database() => Assert.IsType<PostgresSearchIndex>(Index);

    [Fact]
    public async Task A_read_only_catalog_still_has_its_search_index_kept_up_to_date()
    {
        using var readOnly = new Archive(Archive.Directory, Archive.Blobs, PostgresCatalog.ReadOnly(_connectionString, TimeProvider.System), TimeProvider.System);
        using var index = await SearchIndexes.OpenAsync(readOnly);
        Assert.Equal(new IndexUpdate(0, 0, false), await new SearchIndexer(readOnly, index, _ => "ru").UpdateAsync());
    }
}
