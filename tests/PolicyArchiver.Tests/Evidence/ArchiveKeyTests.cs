using System.Text;
using PolicyArchiver.Evidence.Ledger;

namespace PolicyArchiver.Tests.Evidence;

public class ArchiveKeyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_key_is_created_once_owner_only_and_its_signatures_verify_with_the_exported_public_key()
    {
        string fingerprint;
        byte[] signature;
        using (var key = ArchiveKey.LoadOrCreate(_dir))
        {
            fingerprint = key.PublicKeySha256;
            signature = key.Sign(Encoding.UTF8.GetBytes("checkpoint"));
        }
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, ArchiveKey.PrivateKeyFile)));
        using (var again = ArchiveKey.LoadOrCreate(_dir)) Assert.Equal(fingerprint, again.PublicKeySha256);
        var pem = File.ReadAllText(Path.Combine(_dir, ArchiveKey.PublicKeyFile));
        Assert.True(ArchiveKey.Verify(pem, Encoding.UTF8.GetBytes("checkpoint"), signature));
        Assert.False(ArchiveKey.Verify(pem, Encoding.UTF8.GetBytes("checkpoinT"), signature));
    }

    [Fact]
    public void A_public_key_lost_in_a_crash_is_exported_again()
    {
        string fingerprint;
        using (var key = ArchiveKey.LoadOrCreate(_dir)) fingerprint = key.PublicKeySha256;
        File.Delete(Path.Combine(_dir, ArchiveKey.PublicKeyFile));
        using (ArchiveKey.LoadOrCreate(_dir))
        {
        }
        Assert.Equal(fingerprint, ArchiveKey.PublicKeySha256Of(File.ReadAllText(Path.Combine(_dir, ArchiveKey.PublicKeyFile))));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
