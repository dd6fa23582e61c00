using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Evidence.Verification;

/// <summary>
/// Which key signs checkpoints at each point of the ledger. The first key is the one the first
/// key rotation retires (or, without any, the archive's key); each rotation signed by the key in
/// force installs the next. A rotation that is not signed by its old key introduces nothing, and
/// the key in <c>keys/public-key.pem</c> must be the last one introduced: a key swapped in
/// without a rotation signs nothing valid.
/// </summary>
internal sealed class KeyHistory
{
    public const string CurrentKeyFile = "keys/public-key.pem";

    private readonly List<Key> _keys = [];

    /// <param name="Since">The ledger entry of the rotation that introduced it; 0 for the first key.</param>
    public sealed record Key(string Fingerprint, string PublicKeyPem, long Since);

    public static KeyHistory Build(LedgerFacts ledger, string? currentPem, string? currentFingerprint, VerificationReport report)
    {
        var history = new KeyHistory();
        foreach (var (seq, body) in ledger.Rotations)
        {
            var where = $"ledger entry {seq}";
            KeyRotation rotation;
            try
            {
                rotation = KeyRotation.Parse(body);
            }
            catch (InvalidDataException e)
            {
                report.Problem("key", where, $"key rotation is malformed: {e.Message}");
                continue;
            }
            // The first rotation names the archive's first key, even when the rotation itself cannot be trusted.
            if (history._keys.Count == 0 && rotation.OldKeyIsNamed) history._keys.Add(new(rotation.OldKeySha256, rotation.OldPublicKey, 0));
            if (rotation.Flaw() is { } flaw)
            {
                report.Problem("key", where, $"key rotation to {rotation.NewKeySha256} cannot be trusted: {flaw}; the key it names is not introduced");
                continue;
            }
            if (history._keys[^1].Fingerprint != rotation.OldKeySha256)
            {
                report.Problem("key", where, $"key rotation retires key {rotation.OldKeySha256}, but the key in force was {history._keys[^1].Fingerprint}; the key it names is not introduced");
                continue;
            }
            history._keys.Add(new(rotation.NewKeySha256, rotation.NewPublicKey, seq));
        }
        if (history._keys.Count == 0)
        {
            if (currentPem is not null) history._keys.Add(new(currentFingerprint!, currentPem, 0));
        }
        else if (currentFingerprint is not null && currentFingerprint != history._keys[^1].Fingerprint)
            report.Problem("key", CurrentKeyFile, $"the archive's key {currentFingerprint} was not introduced by any key rotation: the last key the ledger introduced is {history._keys[^1].Fingerprint}" +
                (history._keys[^1].Since > 0 ? $" (ledger entry {history._keys[^1].Since})" : ""));
        for (var i = 0; i < history._keys.Count; i++)
            report.KeyHistory.Add(new(history._keys[i].Fingerprint, history._keys[i].Since == 0 ? null : history._keys[i].Since, i + 1 < history._keys.Count ? history._keys[i + 1].Since : null));
        return history;
    }

    /// <summary>The key that signs a checkpoint of entry <paramref name="seq"/>; null when the archive has no key at all.</summary>
    public Key? InForceAt(long seq) => _keys.LastOrDefault(k => k.Since <= seq);

    /// <summary>Why a checkpoint of entry <paramref name="seq"/> signed by <paramref name="signedBy"/> is not the key in force's, for the report.</summary>
    public string Mismatch(string signedBy, long seq, Key inForce)
    {
        var index = _keys.FindIndex(k => k.Fingerprint == signedBy);
        if (index < 0)
            return $"was signed by key {signedBy}, which no key rotation introduced; the key in force at ledger entry {seq} is {inForce.Fingerprint}";
        return _keys[index].Since > seq
            ? $"was signed by key {signedBy}, which the key rotation at ledger entry {_keys[index].Since} introduced only later; the key in force at ledger entry {seq} is {inForce.Fingerprint}"
            : $"was signed by key {signedBy}, retired by the key rotation at ledger entry {_keys[index + 1].Since}; from there on checkpoints are signed by {_keys[index + 1].Fingerprint}";
    }

    /// <summary>Where an auditor finds the key: the archive's key file, or the rotation entry that holds a retired one.</summary>
    public string Describe(Key key) => key == _keys[^1] ? CurrentKeyFile : $"retired key {key.Fingerprint}";
}
