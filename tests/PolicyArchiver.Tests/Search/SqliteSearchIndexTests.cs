using Microsoft.Data.Sqlite;
using PolicyArchiver.Archiving;
using PolicyArchiver.Search;

namespace PolicyArchiver.Tests.Search;

/// <summary>The search index contract on the embedded archive: SQLite FTS5 in search.db beside catalog.db.</summary>
public sealed class SqliteSearchIndexTests : SearchIndexContractTests
{
    private protected override Task<Archive> CreateArchiveAsync(string directory) => Archive.OpenEmbeddedAsync(directory, TimeProvider.System);

    protected override Task ReleaseAsync()
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    [Fact]
    public void The_embedded_index_is_its_own_file_beside_the_catalog() =>
        Assert.Equal(Path.Combine(Archive.Directory, "search.db"), Assert.IsType<SqliteSearchIndex>(Index).Path);
}
