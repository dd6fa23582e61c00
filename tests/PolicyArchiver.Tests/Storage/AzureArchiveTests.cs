using System.Text;
using Azure.Storage.Blobs;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Verification;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.Azure;
using PolicyArchiver.Storage.Sqlite;
using PolicyArchiver.Tests.Evidence;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Storage;

/// <summary>The distributed storage end to end: WARC files written, read, verified and checked by warcio, all in Azure.</summary>
public class AzureArchiveTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    private BlobContainerClient _container = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _container = await (await AzuriteServer.InstanceAsync()).NewContainerAsync();
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on a pooled connection; the temp directory is disposable.
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WarcWriter_on_append_blobs_writes_records_that_read_back_at_their_locations()
    {
        var store = new AzureWarcStore(_container);
        IReadOnlyList<WarcRecordLocation> first, second;
        using (var writer = new WarcWriter(store, TimeProvider.System))
        {
            first = await writer.WriteAsync(WarcTests.Exchange(WarcTests.Served("<p>Құпиялылық саясаты</p>")), CancellationToken.None);
            second = await writer.WriteAsync(WarcTests.Exchange(WarcTests.Served("<p>Не найдено</p>", 404)), CancellationToken.None);
        }
        var all = first.Concat(second).ToList();
        Assert.Equal(["warcinfo", "request", "response", "request", "response"], all.Select(l => l.Type));
        Assert.Single(all.Select(l => l.File).Distinct());
        Assert.Equal(second[0].Offset, first[^1].Offset + first[^1].Length); // the second capture starts where the first ended

        foreach (var location in all)
        {
            var record = WarcReader.ReadMember(await store.ReadAsync(location.File, location.Offset, location.Length), location.File);
            Assert.Equal(location.RecordId, record.RecordId);
            Assert.Equal(location.BlockDigest, WarcDigest.Of(record.Block));
        }
        Assert.Equal(all[^1].Offset + all[^1].Length, await store.LengthAsync(all[0].File));
        Assert.Equal([all[0].File], await store.ListAsync().ToListAsync());

        // An independent reader agrees on every record and offset.
        var local = Path.Combine(_dir, "copy.warc.gz");
        await _container.GetBlobClient(all[0].File).DownloadToAsync(local);
        var warcio = await WarcTests.WarcioAsync(local);
        Assert.Equal(all.Select(l => (l.RecordId, l.Offset, l.Length)),
            warcio.Select(r => (r.GetProperty("recordId").GetString()!, r.GetProperty("offset").GetInt64(), r.GetProperty("length").GetInt64())));
    }

    [Fact]
    public async Task The_verifier_finds_an_Azure_archive_intact_and_names_a_blob_changed_behind_its_back()
    {
        var catalog = new SqliteCatalog(Path.Combine(_dir, "catalog.db"), TimeProvider.System);
        await catalog.InitializeAsync();
        using var archive = new Archive(_dir, new AzureBlobStore(_container), catalog, new AzureWarcStore(_container), TimeProvider.System);
        var bodies = new List<string>();
        for (var n = 1; n <= 2; n++)
        {
            var served = WarcTests.Served($"<p>5.2. Срок хранения — {n} года.</p>");
            var body = await archive.Blobs.PutAsync(served.Body);
            var text = await archive.Blobs.PutAsync(Encoding.UTF8.GetBytes($"5.2. Срок хранения — {n} года."));
            var warc = await archive.Warc.WriteAsync(WarcTests.Exchange(served), CancellationToken.None);
            var snapshot = new CapturedSnapshot(body, served.Body.Length, "text/html; charset=utf-8", "utf-8", 200, served.Url,
                new Dictionary<string, string> { ["content-type"] = "text/html; charset=utf-8" }, null, null);
            await catalog.RecordAsync(new CaptureRecord("bank/privacy-ru", served.At, Outcome.Ok, 200, served.Url, served.Url, null, 1, 100,
                snapshot, new NewVersion(n, text, 1, 1, 1, 1, "test/1"), warc));
            bodies.Add(body);
        }
        // Every write ends with a checkpoint.
        await new Checkpointer(catalog, archive.Key, TimeProvider.System).CheckpointAsync(LedgerStart.Empty, CancellationToken.None);

        var report = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
        Assert.True(report.Intact, string.Join("\n", report.Problems));
        Assert.Empty(report.Warnings);
        Assert.Equal(4, report.Checked["blobs"]);
        Assert.Equal(1, report.Checked["warcFiles"]);
        Assert.Equal(5, report.Checked["warcRecords"]);

        var key = $"sha256/{bodies[0][..2]}/{bodies[0]}";
        var bytes = (await _container.GetBlobClient(key).DownloadContentAsync()).Value.Content.ToArray();
        bytes[^3] ^= 0x01;
        await _container.GetBlobClient(key).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);

        report = await new ArchiveVerifier(archive).VerifyAsync(null, CancellationToken.None);
        var problem = Assert.Single(report.Problems);
        Assert.Equal("blob", problem.Kind);
        Assert.Equal($"{_container.Name}/{key}", problem.Location);
    }

    [Fact]
    public async Task An_unreachable_service_is_an_IOException_naming_the_endpoint_and_container_but_not_the_key()
    {
        var port = Ports.Closed();
        var connectionString = AzuriteServer.ConnectionStringFor(port);
        foreach (var connect in new Func<Task>[]
                 {
                     () => AzureBlobStore.ConnectAsync(connectionString, "evidence"),
                     () => AzureWarcStore.ConnectAsync(connectionString, "evidence"),
                 })
        {
            var e = await Assert.ThrowsAsync<IOException>(connect);
            Assert.Contains($"http://127.0.0.1:{port}/devstoreaccount1", e.Message);
            Assert.Contains("container evidence", e.Message);
            Assert.Contains("unreachable", e.Message);
            Assert.DoesNotContain(AzuriteServer.AccountKey, e.Message);
        }
    }

    [Fact]
    public async Task Connecting_creates_the_container_and_both_stores_share_it()
    {
        var server = await AzuriteServer.InstanceAsync();
        var name = $"t-{Guid.NewGuid():N}";
        var blobs = await AzureBlobStore.ConnectAsync(server.ConnectionString, name);
        var warc = await AzureWarcStore.ConnectAsync(server.ConnectionString, name);
        var sha = await blobs.PutAsync(Encoding.UTF8.GetBytes("evidence"));
        await using (var writer = await warc.CreateAsync("warc/2026/05/01/a.warc.gz")) await writer.AppendAsync(Encoding.UTF8.GetBytes("record"));

        Assert.True(await server.Service.GetBlobContainerClient(name).ExistsAsync());
        Assert.Equal([sha], await blobs.ListAsync().ToListAsync()); // each lists only its own prefix
        Assert.Equal(["warc/2026/05/01/a.warc.gz"], await warc.ListAsync().ToListAsync());
        Assert.Equal($"{name}/warc/2026/05/01/a.warc.gz", warc.Locate("warc/2026/05/01/a.warc.gz"));
    }
}
