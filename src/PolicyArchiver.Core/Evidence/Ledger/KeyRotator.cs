using PolicyArchiver.Archiving;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// Replaces the archive's signing key the way an auditor can follow: the old key first signs the
/// history as it stands, then signs the rotation, which the ledger records; only then is the new
/// key installed, and it signs a checkpoint covering the rotation.
/// </summary>
public sealed class KeyRotator(Archive archive, TimeProvider time, TimestampAuthority? tsa = null)
{
    public sealed record Result(KeyRotation Rotation, LedgerEntry Entry, Checkpoint Checkpoint);

    /// <exception cref="UnvouchedHistoryException">The old key cannot vouch for the ledger: nothing is rotated.</exception>
    public async Task<Result> RotateAsync(LedgerStart start, CancellationToken ct)
    {
        var old = archive.Key;
        // A rotation never hides a rewritten ledger: the old key signs only a history it can vouch for.
        await new Checkpointer(archive.Catalog, old, time, tsa).CheckpointAsync(start, ct);
        using var next = ArchiveKey.Generate();
        var rotation = KeyRotation.Sign(old, next, time.GetUtcNow());
        var entry = await archive.Catalog.RecordKeyRotationAsync(rotation, ct);
        ArchiveKey.Install(archive.KeysDirectory, old, next);
        var checkpoint = await new Checkpointer(archive.Catalog, next, time, tsa).CheckpointAsync(start, ct)
                         ?? throw new InvalidOperationException("the ledger is empty after a key rotation");
        return new(rotation, entry, checkpoint);
    }
}
