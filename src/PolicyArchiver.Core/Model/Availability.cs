namespace PolicyArchiver.Model;

/// <summary>
/// How reachable a document has been: its last attempt, its last success, and the current streak
/// of attempts that went the same way (all ok, or all failing) — "unreachable since 5 January,
/// 37 attempts" is how researchers see an outage or a vanished document.
/// </summary>
public sealed record Availability(
    string Document,
    Observation? LastAttempt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? StreakSince,
    int StreakAttempts,
    int Versions)
{
    /// <summary>
    /// The site now serves a wall (a challenge, a captcha, a login wall or a page without the
    /// document's text) instead of the document: its last attempt was blocked.
    /// </summary>
    public bool Blocked => LastAttempt?.Outcome == Outcome.Blocked;

    /// <summary>No version of the document was ever recorded: the archive holds nothing of it.</summary>
    public bool NeverArchived => Versions == 0;
}
