using System.Security.Cryptography;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// The archive's ECDSA P-256 signing key. Created at first use; the private key is readable by its
/// owner only, the public key is exported as PEM for anyone to check signatures with
/// <c>openssl dgst -sha256 -verify public-key.pem -signature X.sig X</c>.
/// </summary>
public sealed class ArchiveKey : IDisposable
{
    public const string PrivateKeyFile = "archive-key.pem";
    public const string PublicKeyFile = "public-key.pem";

    private readonly ECDsa _key;

    private ArchiveKey(ECDsa key) => _key = key;

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary>SHA-256 of the DER public key: names the key in checkpoints.</summary>
    public string PublicKeySha256 => Convert.ToHexStringLower(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()));

    public static ArchiveKey LoadOrCreate(string directory)
    {
        var privatePath = Path.Combine(directory, PrivateKeyFile);
        var key = ECDsa.Create();
        var publicPath = Path.Combine(directory, PublicKeyFile);
        if (File.Exists(privatePath))
        {
            key.ImportFromPem(File.ReadAllText(privatePath));
            var existing = new ArchiveKey(key);
            // A crash between writing the two files leaves the private key alone: export its public half now.
            if (!File.Exists(publicPath)) File.WriteAllText(publicPath, existing.PublicKeyPem);
            return existing;
        }
        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(directory);
        // Each creator writes aside: nodes of a cluster that start together on a shared keys
        // directory race here, and the first key to land is the one every node uses.
        var temp = $"{privatePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (File.Create(temp))
        {
        }
        // Owner-only before the key is written into it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temp, key.ExportPkcs8PrivateKeyPem() + "\n");
        try
        {
            File.Move(temp, privatePath, overwrite: false);
        }
        catch (IOException) when (File.Exists(privatePath))
        {
            File.Delete(temp);
            key.Dispose();
            return LoadOrCreate(directory);
        }
        var archiveKey = new ArchiveKey(key);
        File.WriteAllText(publicPath, archiveKey.PublicKeyPem);
        return archiveKey;
    }

    /// <summary>An ECDSA signature over SHA-256 of the data, DER-encoded as openssl expects.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public static bool Verify(string publicKeyPem, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public static string PublicKeySha256Of(string publicKeyPem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    public void Dispose() => _key.Dispose();
}
