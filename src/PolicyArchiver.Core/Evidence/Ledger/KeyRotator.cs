namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// Replaces the archive's signing key the way an auditor can follow: the old key first signs the
/// history as it stands, then signs the rotation, which the ledger records; only then is the new
/// key installed, and it signs a checkpoint covering the rotation.
/// </summary>
/// <param name="key">The archive's current key, which signs the rotation.</param>
/// <param name="keysDirectory">Where the archive's keys are kept: the new key is installed there.</param>
internal sealed class KeyRotator(ILedgerCatalog catalog, ArchiveKey key, string keysDirectory, TimeProvider time, TimestampAuthority? tsa = null)
{
    public sealed record Result(KeyRotation Rotation, LedgerEntry Entry, Checkpoint Checkpoint);

    /// <exception cref="UnvouchedHistoryException">The old key cannot vouch for the ledger: nothing is rotated.</exception>
    public async Task<Result> RotateAsync(LedgerStart start, CancellationToken ct)
    {
        var old = key;
        // A rotation never hides a rewritten ledger: the old key signs only a history it can vouch for.
        await new Checkpointer(catalog, old, time, tsa).CheckpointAsync(start, ct);
        using var next = ArchiveKey.Generate();
        var rotation = KeyRotation.Sign(old, next, time.GetUtcNow());
        var entry = await catalog.RecordKeyRotationAsync(rotation, ct);
        ArchiveKey.Install(keysDirectory, old, next);
        var checkpoint = await new Checkpointer(catalog, next, time, tsa).CheckpointAsync(start, ct)
                         ?? throw new InvalidOperationException("the ledger is empty after a key rotation");
        return new(rotation, entry, checkpoint);
    }
}
