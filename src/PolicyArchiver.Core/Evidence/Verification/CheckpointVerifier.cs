using System.Security.Cryptography;
using System.Text;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Evidence.Verification;

/// <summary>
/// Checks the signed checkpoints against the chain as recomputed, that they cover all of it, and
/// that the archive still extends the checkpoints an auditor kept outside it.
/// </summary>
internal sealed class CheckpointVerifier(Archive archive, VerificationReport report, LedgerFacts ledger)
{
    public async Task VerifyAsync(VerificationOptions options, CancellationToken ct)
    {
        var checkpoints = await archive.Catalog.GetCheckpointsAsync(ct);
        var publicKey = File.Exists(archive.PublicKeyPath) ? await File.ReadAllTextAsync(archive.PublicKeyPath, ct) : null;
        report.KeyFingerprint = publicKey is null ? null : ArchiveKey.PublicKeySha256Of(publicKey);
        if (options.ExpectedKeyFingerprint is { } expected && Normalized(expected) != report.KeyFingerprint)
            report.Problem("key", KeyHistory.CurrentKeyFile, $"the archive's key has fingerprint {report.KeyFingerprint ?? "(no key)"}, expected {Normalized(expected)}: the key was replaced");
        if (checkpoints.Count > 0 && publicKey is null)
            report.Problem("key", Path.GetRelativePath(archive.Directory, archive.PublicKeyPath), "the public key is missing: no checkpoint can be checked");
        var keys = KeyHistory.Build(ledger, publicKey, report.KeyFingerprint, report);
        if (publicKey is not null) VerifySignatures(checkpoints, keys);
        VerifyOrder(checkpoints);
        VerifyCoverage(checkpoints);
        foreach (var trusted in options.TrustedCheckpoints ?? []) VerifyTrusted(trusted, keys);
    }

    /// <summary>Lowercase hex without separators: <c>AB:CD…</c>, <c>sha256:abcd…</c> and <c>abcd…</c> name the same key.</summary>
    public static string Normalized(string fingerprint) =>
        new(fingerprint.Trim().ToLowerInvariant().Replace("sha256:", "").Where(Uri.IsHexDigit).ToArray());

    private void VerifySignatures(IReadOnlyList<Checkpoint> checkpoints, KeyHistory keys)
    {
        foreach (var checkpoint in checkpoints)
        {
            report.Count("checkpoints");
            var where = $"checkpoint at ledger entry {checkpoint.Seq}";
            var statement = Encoding.UTF8.GetBytes(checkpoint.Statement);
            var key = keys.InForceAt(checkpoint.Seq)!;
            var signedBy = PublishedCheckpoint.KeyOf(checkpoint.Statement);
            if (signedBy != key.Fingerprint && signedBy.Length > 0)
                report.Problem("checkpoint", where, keys.Mismatch(signedBy, checkpoint.Seq, key));
            else
            {
                if (!ArchiveKey.Verify(key.PublicKeyPem, statement, checkpoint.Signature))
                    report.Problem("checkpoint", where, $"signature does not verify with {keys.Describe(key)}");
                if (checkpoint.Statement != Checkpointer.Statement(checkpoint.Seq, checkpoint.HeadHash, checkpoint.At, key.Fingerprint))
                    report.Problem("checkpoint", where, "statement does not match the checkpoint's sequence number, head, time or key");
            }
            VerifyHead(checkpoint.Seq, checkpoint.HeadHash, "checkpoint", where);
            if (checkpoint.TimestampResponse is { } tsr)
            {
                try
                {
                    TimestampAuthority.Verify(tsr, statement);
                }
                catch (CryptographicException e)
                {
                    report.Problem("checkpoint", where, $"RFC 3161 timestamp does not verify: {e.Message}");
                }
            }
        }
    }

    /// <summary>The signed head against the hash recomputed from the entry's JSON, never the stored hash column a forger rewrites.</summary>
    private void VerifyHead(long seq, string head, string kind, string where)
    {
        if (!ledger.Hashes.TryGetValue(seq, out var hash))
            report.Problem(kind, where, ledger.Head < seq
                ? $"signs ledger entry {seq}, but the ledger ends at entry {ledger.Head}: entries were removed (rolled back)"
                : $"signs ledger entry {seq}, which does not exist");
        else if (hash != head) report.Problem(kind, where, $"signed head {head}, but entry {seq} now hashes to {hash}: the chain was rewritten");
    }

    /// <summary>The ledger only grows: a later checkpoint always signs a later entry.</summary>
    private void VerifyOrder(IReadOnlyList<Checkpoint> checkpoints)
    {
        for (var i = 1; i < checkpoints.Count; i++)
            if (checkpoints[i].At < checkpoints[i - 1].At)
                report.Problem("checkpoint", $"checkpoint at ledger entry {checkpoints[i].Seq}",
                    $"signed at {CanonicalJson.Time(checkpoints[i].At)}, before the checkpoint at entry {checkpoints[i - 1].Seq} ({CanonicalJson.Time(checkpoints[i - 1].At)}): sequence numbers go backwards in time");
    }

    /// <summary>
    /// Every write ends with a checkpoint, so entries after the last one are either a round that
    /// was interrupted before its checkpoint, or a ledger rewritten and its checkpoints removed.
    /// </summary>
    private void VerifyCoverage(IReadOnlyList<Checkpoint> checkpoints)
    {
        var covered = checkpoints.Count == 0 ? 0 : checkpoints.Max(c => c.Seq);
        if (ledger.Head <= covered) return;
        var range = $"ledger entries {covered + 1}–{ledger.Head}";
        var signedAt = checkpoints.Count == 0 ? (DateTimeOffset?)null : checkpoints.Max(c => c.At);
        VerificationProblem? problem = null;
        if (InterruptedRound.Explains(ledger, covered + 1, signedAt) is { } round)
            report.Warning("ledger", range, $"not covered by any checkpoint yet: {round}; the next capture signs them");
        else
        {
            problem = new("ledger", range, $"{range} are not covered by any checkpoint" +
                (checkpoints.Count == 0 ? " (the archive has no checkpoint at all)" : "") +
                "; if nothing else is damaged, `verify --sign-uncovered` signs them");
            report.Problems.Add(problem);
        }
        report.Uncovered = new(covered + 1, ledger.Head, ledger.Hashes[ledger.Head], problem);
    }

    private void VerifyTrusted(PublishedCheckpoint trusted, KeyHistory keys)
    {
        var where = $"trusted checkpoint at ledger entry {trusted.Seq}";
        var signedBy = PublishedCheckpoint.KeyOf(trusted.Statement);
        var key = keys.InForceAt(trusted.Seq);
        if (key is null || signedBy != key.Fingerprint)
            report.Problem("checkpoint", where, $"was signed by key {signedBy}, but the archive's key for ledger entry {trusted.Seq} is {key?.Fingerprint ?? "(none)"}: the key was replaced");
        else if (!Verifies(key.PublicKeyPem, trusted))
            report.Problem("checkpoint", where, "its signature does not verify with the archive's key");
        if (!trusted.StatementNamesItsHead)
            report.Problem("checkpoint", where, "its seq and head are not the ones its signed statement names");
        VerifyHead(trusted.Seq, trusted.Head, "checkpoint", where);
    }

    private static bool Verifies(string publicKey, PublishedCheckpoint trusted)
    {
        try
        {
            return ArchiveKey.Verify(publicKey, Encoding.UTF8.GetBytes(trusted.Statement), Convert.FromBase64String(trusted.Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
