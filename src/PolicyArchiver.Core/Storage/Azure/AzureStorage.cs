using Azure;
using Azure.Core;
using Azure.Storage.Blobs;

namespace PolicyArchiver.Storage.Azure;

/// <summary>
/// How PolicyArchiver talks to Azure Blob Storage in distributed mode: one container holds the
/// blobs (<c>sha256/…</c>) and the WARC files (<c>warc/…</c>), reached with a connection string.
/// </summary>
internal static class AzureStorage
{
    /// <summary>
    /// The REST API version every client speaks. Pinned rather than left to the SDK's newest:
    /// Azure.Storage.Blobs 12.30.1 defaults to a version newer than the Azurite emulator knows
    /// (Azurite answers 400 to unknown versions), and an evidence store should not change
    /// behaviour because a package was upgraded. Azure itself accepts older versions for years;
    /// 2025-11-05 has everything used here (create-only writes, append-position conditions,
    /// 100 MiB append blocks).
    /// </summary>
    public const BlobClientOptions.ServiceVersion ServiceVersion = BlobClientOptions.ServiceVersion.V2025_11_05;

    /// <summary>
    /// Client options for every container client handed to <see cref="AzureBlobStore"/> and
    /// <see cref="AzureWarcStore"/>: the pinned API version and a few quick retries, so that a
    /// transient failure is retried but an unreachable service is reported within seconds.
    /// </summary>
    public static BlobClientOptions ClientOptions()
    {
        var options = new BlobClientOptions(ServiceVersion);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(250);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        return options;
    }

    /// <summary>
    /// The container, created if it is missing. Failing to reach the service is an
    /// <see cref="IOException"/> naming the endpoint and container (never the account key), so
    /// that a node started with a wrong address says so at once instead of failing its first capture.
    /// </summary>
    public static async Task<BlobContainerClient> ConnectAsync(string connectionString, string containerName, CancellationToken ct = default)
    {
        BlobServiceClient service;
        try
        {
            service = new BlobServiceClient(connectionString, ClientOptions());
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The parser's message may quote the string, which holds the account key: say less.
            throw new ArgumentException("the Azure Storage connection string is malformed (expected DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…;BlobEndpoint=…)", nameof(connectionString));
        }
        var container = service.GetBlobContainerClient(containerName);
        try
        {
            await container.CreateIfNotExistsAsync(cancellationToken: ct);
        }
        catch (Exception e) when (AzureStorageErrors.IsTransport(e))
        {
            throw new IOException($"Azure Blob Storage at {service.Uri}, container {containerName}, is unreachable: {AzureStorageErrors.Reason(e, connectionString)}", e);
        }
        catch (RequestFailedException e)
        {
            throw new IOException($"Azure Blob Storage at {service.Uri}, container {containerName}, refused the connection: {AzureStorageErrors.Reason(e, connectionString)}", e);
        }
        return container;
    }
}
