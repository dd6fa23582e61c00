namespace PolicyArchiver.Evidence.Verification;

/// <summary>One thing found wrong (or worth knowing) about the archive, with where it is.</summary>
/// <param name="Kind">blob, warc, ledger, catalog, checkpoint or key.</param>
/// <param name="Location">A blob path, a WARC file and offset, a ledger sequence number…</param>
public sealed record VerificationProblem(string Kind, string Location, string Detail);

/// <summary>What <see cref="ArchiveVerifier"/> checked and found.</summary>
public sealed class VerificationReport
{
    public Dictionary<string, long> Checked { get; } = new()
    {
        ["blobs"] = 0, ["warcFiles"] = 0, ["warcRecords"] = 0, ["ledgerEntries"] = 0, ["checkpoints"] = 0,
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

    internal void Problem(string kind, string location, string detail) => Problems.Add(new(kind, location, detail));
    internal void Warning(string kind, string location, string detail) => Warnings.Add(new(kind, location, detail));
    internal void Count(string what, long n = 1) => Checked[what] += n;
}
