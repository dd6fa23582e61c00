using System.Text;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// Signs the ledger's head, and has a Time-Stamp Authority attest it when one is configured. It
/// signs only a history it can vouch for (see <see cref="CheckpointGuard"/>): a signature over a
/// rewritten ledger would make the rewrite look like evidence.
/// </summary>
internal sealed class Checkpointer(ILedgerCatalog catalog, ArchiveKey key, TimeProvider time, TimestampAuthority? tsa = null)
{
    /// <summary>
    /// Signs the current head unless the latest checkpoint already covers it. Returns the
    /// checkpoint covering the head, or null when the ledger is empty.
    /// </summary>
    /// <param name="start">The ledger as the caller found it on opening the archive: entries after it are the caller's own.</param>
    /// <exception cref="UnvouchedHistoryException">The ledger was changed after it was signed, or holds entries from before the caller that no checkpoint covers and no interrupted round explains.</exception>
    public async Task<Checkpoint?> CheckpointAsync(LedgerStart start, CancellationToken ct)
    {
        // Checkpoints first: another node may sign while this one reads, and the head read after them is never behind them.
        var checkpoints = await catalog.GetCheckpointsAsync(ct);
        var head = await catalog.GetLedgerHeadAsync(ct);
        if (head is null) return null;
        // Checked even when nothing is to be signed: a command learns at its start, before it records anything, that the history was rewritten.
        await CheckpointGuard.CheckAsync(catalog, checkpoints, head.Seq, start, ct);
        var latest = checkpoints.LastOrDefault();
        if (latest is not null && latest.Seq >= head.Seq) return latest;
        return await SignAsync(head.Seq, head.Hash, ct);
    }

    /// <summary>Signs a checkpoint over the ledger up to <paramref name="seq"/>, whose entry hash is <paramref name="headHash"/>.</summary>
    internal async Task<Checkpoint> SignAsync(long seq, string headHash, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var statement = Statement(seq, headHash, at, key.PublicKeySha256);
        var bytes = Encoding.UTF8.GetBytes(statement);
        var timestamp = tsa is null ? null : await tsa.TimestampAsync(bytes, ct);
        var checkpoint = new Checkpoint(seq, at, headHash, statement, key.Sign(bytes), timestamp, tsa?.Url.AbsoluteUri);
        await catalog.AddCheckpointAsync(checkpoint, ct);
        return checkpoint;
    }

    public static string Statement(long seq, string head, DateTimeOffset at, string publicKeySha256) => CanonicalJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "policyarchiver-checkpoint");
        w.WriteNumber("seq", seq);
        w.WriteString("head", head);
        w.WriteString("at", CanonicalJson.Time(at));
        w.WriteString("publicKeySha256", publicKeySha256);
        w.WriteEndObject();
    });
}
