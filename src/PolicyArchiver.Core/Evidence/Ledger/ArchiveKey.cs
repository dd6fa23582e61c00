using System.Security.Cryptography;

namespace PolicyArchiver.Evidence.Ledger;

/// <summary>
/// The archive's ECDSA P-256 signing key. Created at first use; the private key is readable by its
/// owner only, the public key is exported as PEM for anyone to check signatures with
/// <c>openssl dgst -sha256 -verify public-key.pem -signature X.sig X</c>.
/// </summary>
internal sealed class ArchiveKey : IDisposable
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
        var temp = new ArchiveKey(key).WritePrivateAside(privatePath);
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

    /// <summary>A new key pair, in memory until <see cref="Install"/> puts it in place.</summary>
    public static ArchiveKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>
    /// Makes <paramref name="next"/> the archive's key. The old pair is kept, never deleted: its
    /// public key as <c>retired/FINGERPRINT.pem</c> (for openssl checks of the old checkpoints), its
    /// private key as <c>retired/FINGERPRINT.private.pem</c>, for the operator to destroy or keep.
    /// The old pair is copied first and the new private key replaces the old one in one rename, so
    /// a crash never leaves the archive without a private key (which would make a fresh one).
    /// </summary>
    public static void Install(string directory, ArchiveKey current, ArchiveKey next)
    {
        var retired = Path.Combine(directory, RetiredDirectory);
        Directory.CreateDirectory(retired);
        var privatePath = Path.Combine(directory, PrivateKeyFile);
        var staged = next.WritePrivateAside(privatePath);
        File.WriteAllText(Path.Combine(retired, $"{current.PublicKeySha256}.pem"), current.PublicKeyPem);
        File.Copy(privatePath, Path.Combine(retired, $"{current.PublicKeySha256}.private.pem"), overwrite: false);
        File.Move(staged, privatePath, overwrite: true);
        File.WriteAllText(Path.Combine(directory, PublicKeyFile), next.PublicKeyPem);
    }

    public const string RetiredDirectory = "retired";

    /// <summary>The private key in a new owner-only file beside <paramref name="path"/>; returns its name.</summary>
    private string WritePrivateAside(string path)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (File.Create(temp))
        {
        }
        // Owner-only before the key is written into it.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temp, _key.ExportPkcs8PrivateKeyPem() + "\n");
        return temp;
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
