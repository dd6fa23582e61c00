namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// Tells a capture round cut short before its checkpoint (a crash, a kill) from a ledger whose
/// checkpoints were removed. A capture starts by signing what an earlier interrupted round left,
/// so at most one round is ever uncovered, and it has this shape: only observation, snapshot and
/// version entries; every observation made after the last checkpoint was signed; and all their
/// WARC records in one WARC file (a writer opens a new file each time an archive is opened, so
/// the rounds of separate commands never share one). A rewritten history of several rounds has none of these. A long
/// <c>run</c> killed after its file rolled over (at midnight UTC or 1 GiB) spans two files and is
/// reported as uncovered: the next command refuses to sign it (see <see cref="CheckpointGuard"/>),
/// and the operator vouches for it with <c>verify --sign-uncovered</c>, which signs only when nothing else is damaged.
/// </summary>
internal static class InterruptedRound
{
    private static readonly HashSet<string> CaptureKinds = ["observation", "snapshot", "version"];

    /// <summary>Why entries from <paramref name="from"/> on look like one interrupted round, or null when they do not.</summary>
    public static string? Explains(LedgerFacts ledger, long from, DateTimeOffset? lastSignedAt)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        for (var seq = from; seq <= ledger.Head; seq++)
        {
            if (!ledger.Kinds.TryGetValue(seq, out var kind) || !CaptureKinds.Contains(kind)) return null;
            if (!ledger.Observations.TryGetValue(seq, out var observation)) continue;
            if (observation.At < lastSignedAt) return null;
            files.UnionWith(observation.WarcFiles);
        }
        return files.Count <= 1 ? "one capture round interrupted before its checkpoint (capture entries only, observed after the last checkpoint, WARC records in one file)" : null;
    }
}
