namespace PolicyArchiver.Cli;

/// <summary>Exit codes are part of the CLI contract: scripts test them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The program itself failed (not: a site was unreachable — that is an observation).</summary>
    public const int Failure = 1;
    /// <summary>Bad input: invalid targets.json, unknown document, malformed option.</summary>
    public const int BadInput = 2;
    /// <summary>Nothing to show: no version in force at that instant, or nothing to compare.</summary>
    public const int Nothing = 3;
    /// <summary>
    /// <c>verify</c> found damage: an altered blob, WARC record, catalog row, ledger entry or signature;
    /// or a command refused to sign a checkpoint over a history it cannot vouch for.
    /// </summary>
    public const int Damaged = 4;
}
