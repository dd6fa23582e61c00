using Npgsql;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Verification;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.FileSystem;
using PolicyArchiver.Storage.Postgres;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Storage;

/// <summary>
/// The catalog contract on the distributed catalog, against a real PostgreSQL server (a database
/// per test), and what only the distributed catalog has to do: several nodes sharing one database.
/// </summary>
public sealed class PostgresCatalogTests : CatalogContractTests
{
    private readonly List<PostgresCatalog> _opened = [];
    private readonly List<string> _databases = [];
    private string _connectionString = "";

    /// <summary>A fresh database of this test's own, dropped after it.</summary>
    private async Task<string> CreateDatabaseAsync()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        _databases.Add(connectionString);
        return connectionString;
    }

    private protected override async Task<ICatalog> CreateCatalogAsync()
    {
        _connectionString = await CreateDatabaseAsync();
        var catalog = Open(_connectionString);
        await catalog.InitializeAsync();
        return catalog;
    }

    protected override async Task ExecuteBehindItsBackAsync(string sql)
    {
        await using var c = new NpgsqlConnection(_connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        Assert.True(await cmd.ExecuteNonQueryAsync() > 0, "the tampering changed no row");
    }

    protected override async Task ReleaseAsync()
    {
        foreach (var catalog in _opened) await catalog.DisposeAsync();
        var server = await PostgresServer.GetAsync();
        foreach (var database in _databases) await server.DropDatabaseAsync(database);
    }

    private PostgresCatalog Open(string connectionString, bool readOnly = false)
    {
        var catalog = readOnly ? PostgresCatalog.ReadOnly(connectionString, TimeProvider.System) : new PostgresCatalog(connectionString, TimeProvider.System);
        _opened.Add(catalog);
        return catalog;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var c = new NpgsqlConnection(_connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Two_nodes_starting_at_once_on_an_empty_database_both_start_and_the_schema_is_applied_once()
    {
        var empty = await CreateDatabaseAsync();
        _connectionString = empty;
        var one = Open(empty);
        var two = Open(empty);

        await Task.WhenAll(one.InitializeAsync(), two.InitializeAsync());

        var migrations = (long)PolicyArchiver.Storage.Postgres.PostgresSchema.Migrations.Count;
        Assert.Equal(migrations, await ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(migrations, await ScalarAsync<long>("SELECT COUNT(DISTINCT version) FROM schema_migrations"));
        await one.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        Assert.Single(await two.GetVersionsAsync("bank/privacy-ru"));
    }

    [Fact]
    public async Task Concurrent_writers_on_two_nodes_keep_the_ledger_gapless_and_linked_and_version_numbers_unique()
    {
        // Two catalogs stand for two machines: each has its own connection pool to the same database.
        var nodes = new[] { Catalog, Open(_connectionString) };
        await nodes[1].InitializeAsync();
        const int writers = 8, perWriter = 12;
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var catalog = nodes[w % nodes.Length];
            for (var i = 0; i < perWriter; i++)
            {
                var at = T0.AddMinutes(w * perWriter + i);
                // Every writer alternates between a document of its own and one all of them share,
                // where they race for the next version number as workers capturing the same document would.
                var document = i % 2 == 0 ? $"bank/own-{w}" : "bank/shared";
                while (true)
                {
                    var latest = await catalog.GetLatestVersionAsync(document);
                    try
                    {
                        await catalog.RecordAsync(Ok(at, $"b-{w}-{i}", Version((latest?.Number ?? 0) + 1, $"t-{w}-{i}"), document));
                        break;
                    }
                    catch (VersionConflictException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));

        // Every record is an observation, a snapshot and a version: three entries each.
        var ledger = await Catalog.GetLedgerAsync(1, long.MaxValue);
        Assert.Equal(Enumerable.Range(1, writers * perWriter * 3).Select(n => (long)n), ledger.Select(e => e.Seq));
        var previous = LedgerChain.Genesis;
        foreach (var entry in ledger)
        {
            Assert.Equal(previous, LedgerChain.Parse(entry.Json).Previous);
            previous = entry.Hash;
        }
        Assert.Equal(Enumerable.Range(1, writers * perWriter / 2), (await Catalog.GetVersionsAsync("bank/shared")).Select(v => v.Number));
        Assert.Equal(writers * perWriter / 2 - 1, (await Catalog.GetChangesAsync("bank/shared")).Count);

        var directory = TempDirectory();
        using var archive = new Archive(directory, new FileSystemBlobStore(Path.Combine(directory, "blobs")), Catalog, TimeProvider.System);
        var report = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
        // The rows name blobs this test never stores: only the chain and the rows are under test here.
        Assert.True(report.Problems.All(p => p.Kind == "blob"), string.Join("\n", report.Problems));
    }

    [Fact]
    public async Task An_unreachable_server_is_an_IOException_naming_host_port_and_database_but_not_the_password()
    {
        var port = Ports.Closed();
        var catalog = Open(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Database = "archive", Username = "archiver", Password = "s3cret-pa55", Timeout = 5,
        }.ConnectionString);

        var e = await Assert.ThrowsAsync<IOException>(() => catalog.InitializeAsync());

        Assert.StartsWith($"PostgreSQL catalog at 127.0.0.1:{port}/archive is unreachable: ", e.Message);
        Assert.DoesNotContain("s3cret-pa55", e.ToString());
    }

    [Fact]
    public async Task A_wrong_password_is_an_IOException_that_does_not_show_it()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_connectionString) { Password = "not-the-password" };
        var catalog = Open(wrong.ConnectionString);

        var e = await Assert.ThrowsAsync<IOException>(() => catalog.InitializeAsync());

        Assert.Contains($"127.0.0.1:{wrong.Port}/{wrong.Database} is unreachable", e.Message);
        Assert.Contains("password authentication failed", e.Message);
        Assert.DoesNotContain("not-the-password", e.ToString());
    }

    [Fact]
    public async Task A_read_only_catalog_reads_what_a_writer_recorded_and_refuses_to_write()
    {
        await Catalog.RecordAsync(Ok(T0, "b1", Version(1, "t1")));
        var reader = Open(_connectionString, readOnly: true);
        await reader.InitializeAsync();

        Assert.Single(await reader.GetVersionsAsync("bank/privacy-ru"));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.RecordAsync(Ok(T0.AddDays(1), "b2", null)));
        Assert.Contains("read-only", e.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.RecordDiscoveryAsync("bank", T0, "ok", "{}"));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            reader.AddCheckpointAsync(new Checkpoint(1, T0, new string('a', 64), "{}", [1], null, null)));
        Assert.Single(await Catalog.GetObservationsAsync("bank/privacy-ru"));
    }

    [Fact]
    public async Task A_read_only_catalog_on_a_database_no_writer_initialised_says_so_and_creates_nothing()
    {
        _connectionString = await CreateDatabaseAsync();
        var reader = Open(_connectionString, readOnly: true);

        var e = await Assert.ThrowsAsync<IOException>(() => reader.InitializeAsync());

        Assert.Contains("holds no catalog yet", e.Message);
        Assert.False(await ScalarAsync<bool>("SELECT to_regclass('schema_migrations') IS NOT NULL"));
    }
}
