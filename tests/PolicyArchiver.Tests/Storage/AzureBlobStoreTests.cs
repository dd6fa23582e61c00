using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.Azure;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Storage;

public class AzureBlobStoreTests : BlobStoreContractTests
{
    private BlobContainerClient _container = null!;

    private protected override async Task<IBlobStore> CreateStoreAsync()
    {
        _container = await (await AzuriteServer.InstanceAsync()).NewContainerAsync();
        return new AzureBlobStore(_container);
    }

    private static string KeyOf(string name) => $"sha256/{name[..2]}/{name}";

    protected override Task OverwriteBehindTheStoresBackAsync(string sha256, byte[] bytes) =>
        _container.GetBlobClient(KeyOf(sha256)).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);

    protected override Task PlantBehindTheStoresBackAsync(string name, byte[] bytes) =>
        _container.GetBlobClient(KeyOf(name)).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);

    protected override async Task<string> WriteStampAsync(string sha256) =>
        (await _container.GetBlobClient(KeyOf(sha256)).GetPropertiesAsync()).Value.ETag.ToString();

    [Fact]
    public async Task The_probe_fails_when_the_container_is_missing()
    {
        var missing = new AzureBlobStore(Azure.Storage.Blobs.Specialized.SpecializedBlobExtensions.GetParentBlobServiceClient(_container).GetBlobContainerClient("never-created-" + Guid.NewGuid().ToString("N")[..8]));
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => missing.ProbeAsync());
        Assert.Equal(404, e.Status);
    }

    [Fact]
    public async Task Blobs_are_named_sha256_and_their_first_two_hex_digits_in_the_container()
    {
        var sha = await Store.PutAsync(Encoding.UTF8.GetBytes("Құпиялылық саясаты"));
        var names = await _container.GetBlobsAsync().Select(b => b.Name).ToListAsync();
        Assert.Equal([$"sha256/{sha[..2]}/{sha}"], names);
        Assert.Equal($"{_container.Name}/sha256/{sha[..2]}/{sha}", Store.Locate(sha));
    }

    [Fact]
    public async Task The_service_refuses_a_create_only_upload_under_a_digest_name_that_is_taken()
    {
        var sha = await Store.PutAsync(Encoding.UTF8.GetBytes("original evidence"));
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => _container.GetBlobClient(KeyOf(sha)).UploadAsync(
            BinaryData.FromString("other bytes"), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }));
        Assert.Equal(409, e.Status);
        Assert.Equal(Encoding.UTF8.GetBytes("original evidence"), await Store.GetAsync(sha));
    }

    [Fact]
    public async Task A_blob_that_lands_between_the_existence_check_and_the_upload_is_left_untouched()
    {
        var bytes = Encoding.UTF8.GetBytes("capture of 2026-05-01");
        var sha = Hashing.Sha256Hex(bytes);
        var planted = Encoding.UTF8.GetBytes("someone else's bytes under that name");
        var server = await AzuriteServer.InstanceAsync();
        // A policy that, just before the store's upload leaves, lets "another writer" store first.
        var race = new BeforeUpload(KeyOf(sha), () => _container.GetBlobClient(KeyOf(sha)).UploadAsync(BinaryData.FromBytes(planted)));
        var options = AzureStorage.ClientOptions();
        options.AddPolicy(race, HttpPipelinePosition.PerCall);
        var racing = new AzureBlobStore(new BlobContainerClient(server.ConnectionString, _container.Name, options));

        Assert.Equal(sha, await racing.PutAsync(bytes)); // the 409 is "already stored", not a failure

        Assert.True(race.Fired);
        Assert.Equal(planted, (await _container.GetBlobClient(KeyOf(sha)).DownloadContentAsync()).Value.Content.ToArray());
        await Assert.ThrowsAsync<InvalidDataException>(() => racing.GetAsync(sha)); // and damage stays visible
    }

    private sealed class BeforeUpload(string key, Func<Task> act) : HttpPipelinePolicy
    {
        public bool Fired { get; private set; }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (!Fired && message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.EndsWith(key, StringComparison.Ordinal))
            {
                Fired = true;
                await act();
            }
            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("the stores are asynchronous");
    }
}
