using Microsoft.Data.Sqlite;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.Sqlite;

namespace PolicyArchiver.Tests.Storage;

/// <summary>The catalog contract on the embedded catalog: one SQLite file in a temporary directory.</summary>
public sealed class SqliteCatalogTests : CatalogContractTests
{
    private string _path = "";

    private protected override async Task<ICatalog> CreateCatalogAsync()
    {
        _path = Path.Combine(TempDirectory(), "catalog.db");
        var catalog = new SqliteCatalog(_path, TimeProvider.System);
        await catalog.InitializeAsync();
        return catalog;
    }

    protected override async Task ExecuteBehindItsBackAsync(string sql)
    {
        await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        Assert.True(await cmd.ExecuteNonQueryAsync() > 0, "the tampering changed no row");
    }

    protected override Task ReleaseAsync()
    {
        // The catalog's pooled connections hold the file open; the directory is removed after this.
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
