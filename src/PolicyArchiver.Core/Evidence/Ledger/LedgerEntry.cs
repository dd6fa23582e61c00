namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// One link of the append-only hash chain: its canonical JSON (which names the previous entry's
/// hash) and the SHA-256 of that JSON's UTF-8 bytes. <c>sha256sum</c> of the JSON is the hash.
/// </summary>
/// <param name="Subject">What the entry is about: <c>observation:ID</c>, <c>snapshot:ID</c> or <c>version:COMPANY/DOCUMENT#N</c>.</param>
internal sealed record LedgerEntry(long Seq, string Kind, string Subject, string Json, string Hash);
