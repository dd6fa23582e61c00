namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// A signed statement of the ledger's head at an instant: after it, no entry up to
/// <see cref="Seq"/> can be altered or back-dated without breaking the signature.
/// </summary>
/// <param name="Statement">Canonical JSON naming the head; the signed bytes are its UTF-8.</param>
/// <param name="Signature">ECDSA P-256 over SHA-256 of the statement, DER.</param>
/// <param name="TimestampResponse">An RFC 3161 TimeStampResp over the statement, when a TSA is configured.</param>
internal sealed record Checkpoint(long Seq, DateTimeOffset At, string HeadHash, string Statement, byte[] Signature, byte[]? TimestampResponse, string? TsaUrl);
