using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace PolicyArchiver.Storage.Azure;

/// <summary>
/// The distributed blob store: block blobs named <c>sha256/ab/abcd…</c> in one Azure container,
/// shared by every node, and the bodies kept as deltas named <c>zstd-delta/ab/abcd…</c> (by the
/// digest of the whole body). Every write is create-only (If-None-Match: *), so the service itself
/// refuses to put anything under a digest name that is taken: evidence is never overwritten,
/// whatever another node does at the same moment.
/// </summary>
internal sealed class AzureBlobStore(BlobContainerClient container) : IBlobStore
{
    public BlobContainerClient Container { get; } = container;

    /// <summary>The store on a container reached with a connection string, created if missing (see <see cref="AzureStorage.ConnectAsync"/>).</summary>
    public static async Task<AzureBlobStore> ConnectAsync(string connectionString, string containerName, CancellationToken ct = default) =>
        new(await AzureStorage.ConnectAsync(connectionString, containerName, ct));

    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var sha = Hashing.Sha256Hex(bytes.Span);
        var blob = Container.GetBlobClient(KeyOf(sha));
        // Unchanged pages are captured again and again: asking first saves uploading their bytes.
        if (await blob.ExistsAsync(ct) || await Container.GetBlobClient(KeyOf(sha, BlobDelta.Space)).ExistsAsync(ct)) return sha;
        await UploadOnceAsync(blob, bytes, ct);
        return sha;
    }

    public async Task PutDeltaAsync(string sha256, ReadOnlyMemory<byte> delta, CancellationToken ct = default)
    {
        var blob = Container.GetBlobClient(KeyOf(sha256, BlobDelta.Space));
        if (!await blob.ExistsAsync(ct)) await UploadOnceAsync(blob, delta, ct);
    }

    private static async Task UploadOnceAsync(BlobClient blob, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                // The service checks the MD5 of what it received, so bytes damaged on the way are refused, not stored.
                TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
            }, ct);
        }
        catch (RequestFailedException e) when (AzureStorageErrors.IsAlreadyExists(e))
        {
            // Another writer stored it between the check and the upload. The name is the digest of
            // the content, so what is there is these bytes (or damage that verification reports);
            // either way it is left exactly as it is.
        }
    }

    public async Task<byte[]> GetAsync(string sha256, CancellationToken ct = default)
    {
        var key = KeyOf(sha256);
        BinaryData content;
        try
        {
            content = (await Container.GetBlobClient(key).DownloadContentAsync(ct)).Value.Content;
        }
        catch (RequestFailedException e) when (AzureStorageErrors.IsNotFound(e))
        {
            if (await GetDeltaAsync(sha256, ct) is { } delta) return await BlobDelta.ReconstructAsync(delta, sha256, Locate(sha256, BlobDelta.Space), GetAsync, ct);
            throw new FileNotFoundException($"blob {sha256} is missing from {Container.Name}", Locate(sha256), e);
        }
        var bytes = content.ToArray();
        var actual = Hashing.Sha256Hex(bytes);
        if (actual != sha256) throw new InvalidDataException($"blob {Locate(sha256)} is corrupt: its SHA-256 is {actual}");
        return bytes;
    }

    public async Task<byte[]?> GetDeltaAsync(string sha256, CancellationToken ct = default)
    {
        try
        {
            return (await Container.GetBlobClient(KeyOf(sha256, BlobDelta.Space)).DownloadContentAsync(ct)).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (AzureStorageErrors.IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) =>
        await Container.GetBlobClient(KeyOf(sha256)).ExistsAsync(ct) || await Container.GetBlobClient(KeyOf(sha256, BlobDelta.Space)).ExistsAsync(ct);

    /// <summary>One request for the container's properties: fails when the service is unreachable or the container is gone.</summary>
    public async Task ProbeAsync(CancellationToken ct = default) =>
        await Container.GetPropertiesAsync(cancellationToken: ct);

    /// <summary>
    /// The last path segment of every blob under <c>sha256/</c> (or the name space asked for), in name order. A put is atomic
    /// in Azure, so there are no leftovers of our own: anything that is not a digest was put there
    /// by something else, and is listed so that verification reports it.
    /// </summary>
    public async IAsyncEnumerable<string> ListAsync(string space = IBlobStore.Whole, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = PrefixOf(space) }, ct))
            yield return item.Name[(item.Name.LastIndexOf('/') + 1)..];
    }

    public async Task<Stream> OpenReadAsync(string name, string space = IBlobStore.Whole, CancellationToken ct = default)
    {
        try
        {
            return (await Container.GetBlobClient(ListedKeyOf(name, space)).DownloadStreamingAsync(cancellationToken: ct)).Value.Content;
        }
        catch (RequestFailedException e) when (AzureStorageErrors.IsNotFound(e))
        {
            throw new FileNotFoundException($"blob {name} is missing from {Container.Name}", Locate(name, space), e);
        }
    }

    public string Locate(string name, string space = IBlobStore.Whole) => $"{Container.Name}/{ListedKeyOf(name, space)}";

    /// <summary>The key of a digest; anything else is refused before it reaches the service.</summary>
    internal static string KeyOf(string sha256, string space = IBlobStore.Whole)
    {
        if (sha256.Length != 64 || !sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            throw new ArgumentException($"not a lowercase SHA-256 hex digest: \"{sha256}\"", nameof(sha256));
        return $"{PrefixOf(space)}{sha256[..2]}/{sha256}";
    }

    /// <summary>The key of a listed name: like the file system store, a name lives in the folder of its first two characters.</summary>
    private static string ListedKeyOf(string name, string space)
    {
        if (name.Length < 2 || name.Contains('/') || name.Contains('\\'))
            throw new ArgumentException($"not a name this store lists: \"{name}\"", nameof(name));
        return $"{PrefixOf(space)}{name[..2]}/{name}";
    }

    private static string PrefixOf(string space) => space is IBlobStore.Whole or BlobDelta.Space
        ? space + "/"
        : throw new ArgumentException($"not a name space of the blob store: \"{space}\"", nameof(space));
}
