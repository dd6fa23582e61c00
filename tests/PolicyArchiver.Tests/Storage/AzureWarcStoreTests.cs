using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage.Azure;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Storage;

public class AzureWarcStoreTests : WarcStoreContractTests
{
    private BlobContainerClient _container = null!;

    private protected override async Task<IWarcStore> CreateStoreAsync()
    {
        _container = await (await AzuriteServer.InstanceAsync()).NewContainerAsync();
        return new AzureWarcStore(_container);
    }

    [Fact]
    public async Task A_file_is_an_append_blob_under_its_relative_name()
    {
        await using (var writer = await Store.CreateAsync(File1)) await writer.AppendAsync(Bytes("record"));
        var properties = (await _container.GetBlobClient(File1).GetPropertiesAsync()).Value;
        Assert.Equal(BlobType.Append, properties.BlobType);
        Assert.Equal(1, properties.BlobCommittedBlockCount); // one append per capture: one block, all or nothing
        Assert.Equal($"{_container.Name}/{File1}", Store.Locate(File1));
    }

    [Fact]
    public async Task A_writer_cannot_append_once_the_file_has_grown_behind_its_back()
    {
        await using var writer = await Store.CreateAsync(File1);
        await writer.AppendAsync(Bytes("ours "));
        // Something else appends (a second writer that reached the blob some other way).
        await _container.GetAppendBlobClient(File1).AppendBlockAsync(new MemoryStream(Bytes("theirs")));

        var e = await Assert.ThrowsAsync<IOException>(() => writer.AppendAsync(Bytes("late record")));
        Assert.Contains(Store.Locate(File1), e.Message);

        // Nothing of ours landed after theirs: the file holds exactly what each wrote where they wrote it.
        Assert.Equal(Bytes("ours theirs"), await Store.ReadAsync(File1, 0, Bytes("ours theirs").Length));
        Assert.Equal(Bytes("ours theirs").Length, await Store.LengthAsync(File1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.AppendAsync(Bytes("again"))); // the writer is abandoned
    }

    [Fact]
    public async Task A_payload_larger_than_the_block_limit_is_sent_in_consecutive_blocks()
    {
        var store = new AzureWarcStore(_container, maxBlockBytes: 4 * 1024 * 1024);
        var payload = Random(9 * 1024 * 1024, seed: 2);
        await using (var writer = await store.CreateAsync(File1))
        {
            await writer.AppendAsync(Bytes("warcinfo"));
            await writer.AppendAsync(payload);
            Assert.Equal(8 + payload.Length, writer.Length);
        }
        Assert.Equal(1 + 3, (await _container.GetBlobClient(File1).GetPropertiesAsync()).Value.BlobCommittedBlockCount);
        Assert.Equal(payload, await store.ReadAsync(File1, 8, payload.Length));
    }

    [Fact]
    public void The_block_limit_is_the_services_for_the_pinned_version()
    {
        var blob = new AppendBlobClient(AzuriteServer.ConnectionStringFor(Ports.Closed()), "c", "b", AzureStorage.ClientOptions());
        Assert.Equal(100 * 1024 * 1024, blob.AppendBlobMaxAppendBlockBytes);
    }
}
