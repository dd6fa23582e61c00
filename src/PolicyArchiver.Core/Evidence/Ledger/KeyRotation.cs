using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// A change of the archive's signing key, recorded as a ledger entry and signed by the key it
/// retires. Without it a replaced key pair that re-signs every checkpoint is told from a genuine
/// one only by a fingerprint kept elsewhere; with it, each key is introduced by its predecessor,
/// and a checkpoint signed by any other key is damage. The entry carries both public keys, so
/// the old signatures can be checked after the old key files are gone.
/// <code>
/// {"oldKeySha256":"…","newKeySha256":"…","oldPublicKey":"-----BEGIN PUBLIC KEY-----…","newPublicKey":"…",
///  "at":"…","statement":"{…canonical JSON…}","signature":"…base64 DER, by the old key…"}
/// </code>
/// </summary>
internal sealed record KeyRotation(string OldKeySha256, string NewKeySha256, string OldPublicKey, string NewPublicKey, DateTimeOffset At, string Statement, byte[] Signature)
{
    public const string Kind = "key-rotation";

    public string Subject => $"{Kind}:{NewKeySha256}";

    /// <summary>The old key signs a statement of the rotation; the new key rotates nothing.</summary>
    public static KeyRotation Sign(ArchiveKey old, ArchiveKey next, DateTimeOffset at)
    {
        var statement = StatementOf(old.PublicKeySha256, next.PublicKeySha256, next.PublicKeyPem, at);
        return new(old.PublicKeySha256, next.PublicKeySha256, old.PublicKeyPem, next.PublicKeyPem, at, statement, old.Sign(Encoding.UTF8.GetBytes(statement)));
    }

    /// <summary>What the old key signs: <c>openssl dgst -sha256 -verify old.pem -signature sig</c> over its UTF-8 checks it.</summary>
    public static string StatementOf(string oldKeySha256, string newKeySha256, string newPublicKey, DateTimeOffset at) => CanonicalJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "policyarchiver-key-rotation");
        w.WriteString("oldKeySha256", oldKeySha256);
        w.WriteString("newKeySha256", newKeySha256);
        w.WriteString("newPublicKey", newPublicKey);
        w.WriteString("at", CanonicalJson.Time(at));
        w.WriteEndObject();
    });

    public string Body() => CanonicalJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("oldKeySha256", OldKeySha256);
        w.WriteString("newKeySha256", NewKeySha256);
        w.WriteString("oldPublicKey", OldPublicKey);
        w.WriteString("newPublicKey", NewPublicKey);
        w.WriteString("at", CanonicalJson.Time(At));
        w.WriteString("statement", Statement);
        w.WriteString("signature", Convert.ToBase64String(Signature));
        w.WriteEndObject();
    });

    /// <exception cref="InvalidDataException">The body is not a key rotation.</exception>
    public static KeyRotation Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var r = doc.RootElement;
            string Text(string name) => r.GetProperty(name).GetString() ?? throw new InvalidDataException($"{name} is null");
            return new(Text("oldKeySha256"), Text("newKeySha256"), Text("oldPublicKey"), Text("newPublicKey"),
                DateTimeOffset.Parse(Text("at"), System.Globalization.CultureInfo.InvariantCulture), Text("statement"), Convert.FromBase64String(Text("signature")));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"not a key rotation: {e.Message}", e);
        }
    }

    /// <summary>The old public key it carries is the one its fingerprint names.</summary>
    public bool OldKeyIsNamed
    {
        get
        {
            try
            {
                return ArchiveKey.PublicKeySha256Of(OldPublicKey) == OldKeySha256;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                return false;
            }
        }
    }

    /// <summary>Why the rotation cannot be trusted, or null when the old key signed exactly this rotation.</summary>
    public string? Flaw()
    {
        try
        {
            if (!OldKeyIsNamed) return $"its old public key does not have fingerprint {OldKeySha256}";
            if (ArchiveKey.PublicKeySha256Of(NewPublicKey) != NewKeySha256) return $"its new public key does not have fingerprint {NewKeySha256}";
            if (Statement != StatementOf(OldKeySha256, NewKeySha256, NewPublicKey, At)) return "its signed statement does not name these keys and this time";
            return ArchiveKey.Verify(OldPublicKey, Encoding.UTF8.GetBytes(Statement), Signature) ? null : $"its signature is not by the old key {OldKeySha256}";
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return $"its keys cannot be read: {e.Message}";
        }
    }
}
