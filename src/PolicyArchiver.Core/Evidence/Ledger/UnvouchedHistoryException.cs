namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// The <see cref="Checkpointer"/> refused to sign: the ledger holds entries it cannot vouch for,
/// and a signature over them would launder whatever was done to them.
/// </summary>
internal sealed class UnvouchedHistoryException(string message) : Exception(message);
