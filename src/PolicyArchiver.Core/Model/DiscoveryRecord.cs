namespace PolicyArchiver.Model;

/// <summary>
/// One look at a company's homepage for links to its policies (<c>discover</c>), kept over time
/// like observations: "the privacy policy was no longer linked from 2 March" is read from them.
/// </summary>
/// <param name="Json">The report as recorded (JSON); the ledger commits to its SHA-256.</param>
public sealed record DiscoveryRecord(long Id, string Company, DateTimeOffset At, string Outcome, string Json);
