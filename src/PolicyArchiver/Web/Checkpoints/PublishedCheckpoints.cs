using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Web.Checkpoints;

/// <summary>
/// What <c>/checkpoints.json</c> serves: the archive's public key and every checkpoint, oldest
/// first. Saved as a whole, it is a file <c>verify --trusted-checkpoint</c> reads.
/// </summary>
internal sealed record PublishedCheckpoints(string? PublicKeySha256, string? PublicKey, IReadOnlyList<PublishedCheckpoint> Checkpoints)
{
    public static async Task<PublishedCheckpoints> ReadAsync(ArchiveReader reader, CancellationToken ct)
    {
        var path = reader.Archive.PublicKeyPath;
        var pem = File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : null;
        var checkpoints = await reader.Catalog.GetCheckpointsAsync(ct);
        return new(pem is null ? null : ArchiveKey.PublicKeySha256Of(pem), pem, checkpoints.Select(PublishedCheckpoint.From).ToList());
    }
}
