using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Evidence.Verification;

/// <summary>
/// Vouching for ledger entries that no checkpoint covers yet, once verify has found nothing else
/// wrong. It lives with verification because it acts on a verification report; the ledger only signs.
/// </summary>
internal static class UncoveredSigning
{
    /// <summary>
    /// Signs the head a full verify walked, when all verify found wrong is that no checkpoint covers
    /// the entries before it: how an operator deliberately vouches for an archive made before
    /// checkpoints were kept (<c>verify --sign-uncovered</c>). Returns the first entry it covered
    /// and the checkpoint, or null when every entry was covered.
    /// </summary>
    /// <exception cref="UnvouchedHistoryException">Verify found other damage: nothing is signed.</exception>
    public static async Task<(long From, Checkpoint Checkpoint)?> SignUncoveredAsync(this Checkpointer checkpointer, VerificationReport report, CancellationToken ct)
    {
        if (report.Uncovered is not { } uncovered) return null;
        var other = report.Problems.Where(p => p != uncovered.Problem).ToList();
        if (other.Count > 0)
            throw new UnvouchedHistoryException($"verify found {other.Count} problem(s) besides the uncovered ledger entries {uncovered.From}–{uncovered.To}; nothing was signed");
        var checkpoint = await checkpointer.SignAsync(uncovered.To, uncovered.HeadHash, ct);
        report.Covered(uncovered);
        return (uncovered.From, checkpoint);
    }
}
