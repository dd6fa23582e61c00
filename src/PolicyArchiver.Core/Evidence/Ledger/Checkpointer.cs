using System.Text;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>Signs the ledger's head, and has a Time-Stamp Authority attest it when one is configured.</summary>
public sealed class Checkpointer(ICatalog catalog, ArchiveKey key, TimeProvider time, TimestampAuthority? tsa = null)
{
    /// <summary>
    /// Signs the current head unless the latest checkpoint already covers it. Returns the
    /// checkpoint covering the head, or null when the ledger is empty.
    /// </summary>
    public async Task<Checkpoint?> CheckpointAsync(CancellationToken ct)
    {
        var head = await catalog.GetLedgerHeadAsync(ct);
        if (head is null) return null;
        var latest = (await catalog.GetCheckpointsAsync(ct)).LastOrDefault();
        if (latest is not null && latest.Seq >= head.Seq) return latest;

        var at = time.GetUtcNow();
        var statement = Statement(head.Seq, head.Hash, at, key.PublicKeySha256);
        var bytes = Encoding.UTF8.GetBytes(statement);
        var timestamp = tsa is null ? null : await tsa.TimestampAsync(bytes, ct);
        var checkpoint = new Checkpoint(head.Seq, at, head.Hash, statement, key.Sign(bytes), timestamp, tsa?.Url.AbsoluteUri);
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
