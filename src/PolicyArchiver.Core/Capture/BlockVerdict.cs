namespace PolicyArchiver.Capture;

/// <summary>
/// Whether a page is the document or a page standing in its way, with the signals it was decided
/// on. A blocked verdict names what decided it; a page judged to be the document keeps the wall
/// signals it carried anyway (a detection script, a captcha badge), so they stay visible.
/// </summary>
internal sealed record BlockVerdict
{
    private BlockVerdict(string? reason, bool walled, IReadOnlyList<string> signals)
    {
        Reason = reason;
        Walled = walled;
        Signals = signals;
    }

    /// <summary>What decided a blocked verdict (vendor and marker, login wall, select, empty page); null when the page is the document.</summary>
    public string? Reason { get; }

    /// <summary>
    /// Blocked by a challenge, captcha or login wall, not merely by an empty page: the only kind of
    /// block an error response (a challenge served with 403 or 503) is recorded as.
    /// </summary>
    public bool Walled { get; }

    /// <summary>Wall signals found on a page judged to be the document.</summary>
    public IReadOnlyList<string> Signals { get; }

    public bool Blocked => Reason is not null;

    /// <summary>The observation's detail: the reason of a block, or what an ok page carries (null when nothing).</summary>
    public string? Detail => Reason ?? (Signals.Count == 0 ? null : "page carries: " + string.Join("; ", Signals));

    public static BlockVerdict Document(IReadOnlyList<string> signals) => new(null, false, signals);
    public static BlockVerdict Wall(string reason) => new(reason, true, []);
    public static BlockVerdict NoText(string reason) => new(reason, false, []);

    /// <summary>
    /// The verdict on a document split across pages: blocked when any page is, named after the
    /// first page that is (<paramref name="page"/> being the one found at <paramref name="where"/>).
    /// </summary>
    public BlockVerdict Then(BlockVerdict page, string where) =>
        Blocked ? this
        : page.Blocked ? new BlockVerdict($"{where}: {page.Reason}", page.Walled, [])
        : Document([.. Signals, .. page.Signals.Except(Signals)]);
}
