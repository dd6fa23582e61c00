using System.Text;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// What the <see cref="Checkpointer"/> checks before it signs. Someone with the database can
/// re-date an entry, re-hash the ones after it and delete the checkpoints; verify names that, but
/// the next command's checkpoint would sign the forged chain and make it look like evidence. So
/// the chain from the latest checkpoint to the head is recomputed, and the entries no checkpoint
/// covers are signed only when they are the caller's own, or what one interrupted round leaves.
/// </summary>
internal static class CheckpointGuard
{
    private const int Batch = 5000;

    private const string WayOut = "Nothing was signed. Run `policyarchiver verify` to see what is wrong; if it finds nothing " +
                                  "but entries that no checkpoint covers (an archive made before checkpoints were kept), `policyarchiver verify --sign-uncovered` " +
                                  "signs them after checking the whole chain";

    public static async Task CheckAsync(ILedgerCatalog catalog, IReadOnlyList<Checkpoint> checkpoints, long head, LedgerStart start, CancellationToken ct)
    {
        var latest = checkpoints.LastOrDefault();
        var covered = latest?.Seq ?? 0;
        if (covered > head) Refuse($"the latest checkpoint signs ledger entry {covered}, but the ledger ends at entry {head}: entries were removed (rolled back)");
        // The pre-existing entries no checkpoint covers: what an interrupted round may have left.
        var tail = new LedgerFacts();
        var previous = LedgerChain.Genesis;
        var expected = Math.Max(covered, 1);
        for (var from = expected; from <= head; from += Batch)
        {
            foreach (var entry in await catalog.GetLedgerAsync(from, Math.Min(head, from + Batch - 1), ct))
            {
                if (entry.Seq != expected)
                    Refuse($"the ledger jumps from entry {expected - 1} to entry {entry.Seq}: entries were removed");
                expected++;
                var hash = Hashing.Sha256Hex(Encoding.UTF8.GetBytes(entry.Json));
                if (hash != entry.Hash) Refuse($"ledger entry {entry.Seq}'s stored hash is not the SHA-256 of its JSON: the entry was edited");
                var (seq, prev) = Parse(entry);
                if (seq != entry.Seq) Refuse($"ledger entry {entry.Seq}'s JSON says seq {seq}");
                if (entry.Seq == covered)
                {
                    if (hash != latest!.HeadHash)
                        Refuse($"the latest checkpoint signed ledger entry {covered} as {latest.HeadHash}, but it now hashes to {hash}: the ledger was rewritten after it was signed");
                }
                else if (prev != previous) Refuse($"ledger entry {entry.Seq} does not link to entry {entry.Seq - 1}: the chain was rewritten");
                previous = hash;
                if (entry.Seq > covered && entry.Seq <= start.Head) await LearnAsync(catalog, tail, entry, hash, ct);
            }
        }
        if (expected <= head) Refuse($"ledger entries {expected}–{head} are missing");

        // Entries after the caller's start are its own work; entries before it must be vouched for.
        if (covered >= start.Head) return;
        var range = $"ledger entries {covered + 1}–{start.Head}";
        if (latest is null)
            Refuse($"{range} were recorded before this command and the archive has no checkpoint at all: they may have been altered, or their checkpoints removed");
        if (InterruptedRound.Explains(tail, covered + 1, checkpoints.Max(c => c.At)) is null)
            Refuse($"{range} were recorded before this command after the latest checkpoint (entry {covered}), and are not what one interrupted capture round leaves: checkpoints may have been removed to rewrite them");
    }

    private static async Task LearnAsync(ILedgerCatalog catalog, LedgerFacts tail, LedgerEntry entry, string hash, CancellationToken ct)
    {
        tail.Hashes[entry.Seq] = hash;
        tail.Kinds[entry.Seq] = entry.Kind;
        if (entry.Kind != "observation") return;
        var id = long.Parse(entry.Subject[(entry.Subject.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var observation = await catalog.GetRecordedObservationAsync(id, ct);
        if (observation is null) Refuse($"{entry.Subject} of ledger entry {entry.Seq} is missing from the catalog");
        var warc = await catalog.GetWarcRecordsAsync(id, ct);
        tail.Observations[entry.Seq] = (observation.At, warc.Select(r => r.File).Distinct().ToList());
    }

    private static (long Seq, string Previous) Parse(LedgerEntry entry)
    {
        try
        {
            var (seq, prev, _) = LedgerChain.Parse(entry.Json);
            return (seq, prev);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Refuse($"ledger entry {entry.Seq}'s JSON is malformed");
            return default;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Refuse(string why) => throw new UnvouchedHistoryException($"refusing to sign a checkpoint: {why}. {WayOut}.");
}
