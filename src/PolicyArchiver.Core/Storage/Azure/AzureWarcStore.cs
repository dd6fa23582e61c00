using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Storage.Azure;

/// <summary>
/// The distributed WARC store: one append blob per WARC file, named like the embedded files
/// (<c>warc/YYYY/MM/DD/x.warc.gz</c>). Append blobs cannot be rewritten, only grown at their end;
/// on top of that a file is created only if the name is free, and every append carries the
/// position it expects the end to be at, so a committed record can never be overwritten and two
/// writers can never interleave their bytes in one file.
/// </summary>
internal sealed class AzureWarcStore : IWarcStore
{
    private const string Prefix = "warc/";
    private readonly int? _maxBlockBytes;

    /// <param name="container">The container (shared with <see cref="AzureBlobStore"/> if wished: the prefixes differ).</param>
    public AzureWarcStore(BlobContainerClient container) : this(container, null)
    {
    }

    /// <param name="maxBlockBytes">
    /// The largest block one append request sends; by default the service's limit for the API
    /// version spoken (100 MiB), so that a capture is one block, written all or nothing. Smaller
    /// only to exercise splitting.
    /// </param>
    internal AzureWarcStore(BlobContainerClient container, int? maxBlockBytes)
    {
        Container = container;
        _maxBlockBytes = maxBlockBytes;
    }

    public BlobContainerClient Container { get; }

    /// <summary>The store on a container reached with a connection string, created if missing (see <see cref="AzureStorage.ConnectAsync"/>).</summary>
    public static async Task<AzureWarcStore> ConnectAsync(string connectionString, string containerName, CancellationToken ct = default) =>
        new(await AzureStorage.ConnectAsync(connectionString, containerName, ct));

    public async Task<IWarcFileWriter> CreateAsync(string file, CancellationToken ct = default)
    {
        var blob = Container.GetAppendBlobClient(KeyOf(file));
        try
        {
            await blob.CreateAsync(new AppendBlobCreateOptions
            {
                // Create-only: a name that exists is never opened for writing, let alone emptied
                // (a plain Create would replace the existing blob with an empty one).
                Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/warc" },
            }, ct);
        }
        catch (RequestFailedException e) when (AzureStorageErrors.IsAlreadyExists(e))
        {
            throw new IOException($"{Locate(file)} exists, never overwritten: a WARC file is created once", e);
        }
        var maxBlock = _maxBlockBytes ?? blob.AppendBlobMaxAppendBlockBytes;
        return new Writer(blob, Locate(file), maxBlock);
    }

    public async Task<long?> LengthAsync(string file, CancellationToken ct = default)
    {
        try
        {
            return (await Container.GetAppendBlobClient(KeyOf(file)).GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength;
        }
        catch (RequestFailedException e) when (AzureStorageErrors.IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<byte[]> ReadAsync(string file, long offset, long length, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var blob = Container.GetBlobClient(KeyOf(file));
        if (length == 0)
        {
            // An empty range cannot be asked for; the offset must still be inside the file.
            var size = await LengthAsync(file, ct) ?? throw Missing(file, null);
            if (offset > size) throw PastTheEnd(file, offset, length, size);
            return [];
        }
        BlobDownloadResult result;
        try
        {
            result = (await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) }, ct)).Value;
        }
        catch (RequestFailedException e) when (AzureStorageErrors.IsNotFound(e))
        {
            throw Missing(file, e);
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            // The range starts at or past the end.
            throw PastTheEnd(file, offset, length, await LengthAsync(file, ct), e);
        }
        var bytes = result.Content.ToArray();
        // A range that runs past the end is answered with what there is: fewer bytes.
        if (bytes.LongLength != length) throw PastTheEnd(file, offset, length, TotalOf(result.Details.ContentRange) ?? await LengthAsync(file, ct));
        return bytes;
    }

    /// <summary>Every blob under <c>warc/</c>, in name order: Azure leaves no leftovers of its own, so anything there is worth verifying or warning about.</summary>
    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, ct))
            yield return item.Name;
    }

    public string Locate(string file) => $"{Container.Name}/{file}";

    private static string KeyOf(string file)
    {
        if (file.Length == 0 || file.StartsWith('/') || file.Contains('\\') || file.Split('/').Any(s => s is "" or "." or ".."))
            throw new ArgumentException($"not a WARC file of the archive: \"{file}\"", nameof(file));
        return file;
    }

    private FileNotFoundException Missing(string file, Exception? inner) => new($"WARC file {Locate(file)} is missing", Locate(file), inner);

    private InvalidDataException PastTheEnd(string file, long offset, long length, long? size, Exception? inner = null) =>
        new($"{Locate(file)}: {length} bytes at offset {offset} end past the end of the file ({(size is { } s ? s.ToString(CultureInfo.InvariantCulture) : "unknown")} bytes)", inner);

    /// <summary>The total size from a Content-Range header, "bytes 0-9/100".</summary>
    private static long? TotalOf(string? contentRange) =>
        contentRange is not null && contentRange.LastIndexOf('/') is var slash and >= 0 &&
        long.TryParse(contentRange.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : null;

    /// <summary>
    /// The end of one append blob this writer created. <see cref="Length"/> is tracked here (it
    /// starts at 0, the created blob's length) and every block is sent with
    /// If-Append-Position = Length: if anything else has grown the blob, the service refuses the
    /// block instead of writing it somewhere the catalog would not expect.
    /// </summary>
    private sealed class Writer(AppendBlobClient blob, string location, int maxBlockBytes) : IWarcFileWriter
    {
        private bool _broken;

        public long Length { get; private set; }

        public async Task AppendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
        {
            if (_broken) throw new InvalidOperationException($"{location}: an earlier append failed; its writer is abandoned (continue in a new file)");
            try
            {
                // One block when it fits (all or nothing); a larger payload goes in several, each
                // landing only right after the previous one.
                for (var start = 0; start < bytes.Length; start += maxBlockBytes)
                    await AppendBlockAsync(bytes.Slice(start, Math.Min(maxBlockBytes, bytes.Length - start)), ct);
            }
            catch
            {
                _broken = true;
                throw;
            }
        }

        private async Task AppendBlockAsync(ReadOnlyMemory<byte> block, CancellationToken ct)
        {
            var segment = MemoryMarshal.TryGetArray(block, out var array) ? array : new ArraySegment<byte>(block.ToArray());
            try
            {
                using var content = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
                await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions
                {
                    Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = Length },
                    TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
                }, ct);
            }
            catch (RequestFailedException e) when (AzureStorageErrors.IsAppendPositionNotMet(e))
            {
                // A retry of a block whose first attempt landed (the answer was lost) is refused
                // like this too: it is ours if the blob ends with exactly this block where we put it.
                if (!await LandedAsync(block, ct))
                    throw new IOException($"{location} grew behind this writer's back: its end is no longer at offset {Length}; nothing was appended", e);
            }
            catch (RequestFailedException e)
            {
                throw new IOException($"appending {block.Length} bytes at offset {Length} of {location} failed: {AzureStorageErrors.Reason(e)}", e);
            }
            Length += block.Length;
        }

        private async Task<bool> LandedAsync(ReadOnlyMemory<byte> block, CancellationToken ct)
        {
            var size = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength;
            if (size != Length + block.Length) return false;
            var there = (await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(Length, block.Length) }, ct)).Value.Content;
            return there.ToMemory().Span.SequenceEqual(block.Span);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
