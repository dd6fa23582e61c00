namespace PolicyArchiver.Evidence.Bundles;

/// <summary>
/// A bundle was asked for without the right to sign a new checkpoint (the read-only web), and no
/// existing checkpoint covers the entries it needs yet.
/// </summary>
internal sealed class UnsignedEvidenceException(string message) : Exception(message);
