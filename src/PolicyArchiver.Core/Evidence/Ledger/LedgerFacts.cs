namespace PolicyArchiver.Evidence.Ledger;

/// <summary>What the walk along the ledger learned, for the checks that follow it.</summary>
internal sealed class LedgerFacts
{
    /// <summary>The hash of every entry recomputed from its JSON, by sequence number.</summary>
    public Dictionary<long, string> Hashes { get; } = [];

    public Dictionary<long, string> Kinds { get; } = [];

    /// <summary>Every blob the catalog's rows name, with the first ledger subject that names it.</summary>
    public Dictionary<string, string> Blobs { get; } = new(StringComparer.Ordinal);

    /// <summary>When each observation entry's capture was made and which WARC files hold its records.</summary>
    public Dictionary<long, (DateTimeOffset At, IReadOnlyList<string> WarcFiles)> Observations { get; } = [];

    /// <summary>The body of every key rotation entry, by sequence number, in ledger order.</summary>
    public SortedDictionary<long, string> Rotations { get; } = [];

    public long Head => Hashes.Count == 0 ? 0 : Hashes.Keys.Max();

    public void Refer(string? blob, string subject)
    {
        if (blob is not null) Blobs.TryAdd(blob, subject);
    }
}
