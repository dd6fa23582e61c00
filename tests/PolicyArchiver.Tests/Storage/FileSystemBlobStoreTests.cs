using System.Text;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Storage;

public class FileSystemBlobStoreTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Blobs_are_content_addressed_and_stored_once()
    {
        var store = new FileSystemBlobStore(_root);
        var bytes = Encoding.UTF8.GetBytes("Құпиялылық саясаты");
        var sha = await store.PutAsync(bytes);
        Assert.Equal(Hashing.Sha256Hex(bytes), sha);
        Assert.True(File.Exists(Path.Combine(_root, "sha256", sha[..2], sha)));
        var written = File.GetLastWriteTimeUtc(Path.Combine(_root, "sha256", sha[..2], sha));
        Assert.Equal(sha, await store.PutAsync(bytes));
        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(_root, "sha256", sha[..2], sha)));
        Assert.Equal(bytes, await store.GetAsync(sha));
    }

    [Fact]
    public async Task A_tampered_blob_is_detected_on_read()
    {
        var store = new FileSystemBlobStore(_root);
        var sha = await store.PutAsync(Encoding.UTF8.GetBytes("5.2. Срок хранения 3 года."));
        await File.WriteAllTextAsync(Path.Combine(_root, "sha256", sha[..2], sha), "5.2. Срок хранения 1 год.");
        await Assert.ThrowsAsync<InvalidDataException>(() => store.GetAsync(sha));
    }

    [Fact]
    public async Task A_missing_blob_is_reported_by_digest()
    {
        var store = new FileSystemBlobStore(_root);
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => store.GetAsync(new string('a', 64)));
        Assert.Contains(new string('a', 64), e.Message);
    }
}
