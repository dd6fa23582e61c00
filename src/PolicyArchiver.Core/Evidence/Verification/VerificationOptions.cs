using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Evidence.Verification;

/// <summary>What an auditor brings from outside the archive: nothing inside it can vouch for itself.</summary>
/// <param name="ExpectedKeyFingerprint">The key's SHA-256 fingerprint as kept elsewhere (<c>--expect-key</c>); hex, colons and case ignored.</param>
/// <param name="TrustedCheckpoints">Checkpoints published earlier (<c>--trusted-checkpoint</c>) that the archive must still extend.</param>
internal sealed record VerificationOptions(string? ExpectedKeyFingerprint = null, IReadOnlyList<PublishedCheckpoint>? TrustedCheckpoints = null)
{
    public static readonly VerificationOptions None = new();
}
