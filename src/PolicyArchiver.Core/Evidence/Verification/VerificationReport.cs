namespace PolicyArchiver.Evidence.Verification;

/// <summary>One thing found wrong (or worth knowing) about the archive, with where it is.</summary>
/// <param name="Kind">blob, warc, ledger, catalog, checkpoint or key.</param>
/// <param name="Location">A blob path, a WARC file and offset, a ledger sequence number…</param>
internal sealed record VerificationProblem(string Kind, string Location, string Detail);

/// <summary>What <see cref="ArchiveVerifier"/> checked and found.</summary>
internal sealed class VerificationReport
{
    public Dictionary<string, long> Checked { get; } = new()
    {
        ["blobs"] = 0, ["blobDeltas"] = 0, ["warcFiles"] = 0, ["warcRecords"] = 0, ["ledgerEntries"] = 0, ["checkpoints"] = 0,
    };

    /// <summary>Damage: the archive is not intact.</summary>
    public List<VerificationProblem> Problems { get; } = [];

    /// <summary>Worth knowing but not damage: the bytes of an interrupted write that nothing refers to.</summary>
    public List<VerificationProblem> Warnings { get; } = [];

    public bool Intact => Problems.Count == 0;

    /// <summary>
    /// SHA-256 of the archive's DER public key, as <c>openssl pkey -pubin -in keys/public-key.pem -outform DER | sha256sum</c>
    /// prints it; null when the archive has no public key. Compare it with one kept elsewhere: a replaced key re-signs anything.
    /// </summary>
    public string? KeyFingerprint { get; internal set; }

    /// <summary>
    /// The archive's keys in the order the ledger introduced them: the first, then each one a key
    /// rotation signed by its predecessor installed. The last is <see cref="KeyFingerprint"/> when all is well.
    /// </summary>
    public List<KeyPeriod> KeyHistory { get; } = [];

    /// <summary>Entries after the last checkpoint, with the head verify recomputed, and the problem (or warning) it reported about them.</summary>
    internal UncoveredEntries? Uncovered { get; set; }

    /// <summary>A checkpoint now covers what was uncovered: the problem it was is gone.</summary>
    internal void Covered(UncoveredEntries uncovered)
    {
        if (uncovered.Problem is { } p) Problems.Remove(p);
        Uncovered = null;
    }

    internal void Problem(string kind, string location, string detail) => Problems.Add(new(kind, location, detail));
    internal void Warning(string kind, string location, string detail) => Warnings.Add(new(kind, location, detail));
    internal void Count(string what, long n = 1) => Checked[what] += n;
}

/// <summary>A key of the archive and the ledger entries it signs checkpoints for.</summary>
/// <param name="IntroducedAt">The ledger entry of the key rotation that installed it; null for the archive's first key.</param>
/// <param name="RetiredAt">The ledger entry of the key rotation that replaced it; null for the key in force.</param>
internal sealed record KeyPeriod(string Fingerprint, long? IntroducedAt, long? RetiredAt);

/// <summary>Ledger entries <paramref name="From"/>–<paramref name="To"/> that no checkpoint covers; <paramref name="HeadHash"/> is entry To's recomputed hash.</summary>
internal sealed record UncoveredEntries(long From, long To, string HeadHash, VerificationProblem? Problem);
