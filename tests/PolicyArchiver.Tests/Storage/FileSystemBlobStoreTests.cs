using System.Text;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.FileSystem;

namespace PolicyArchiver.Tests.Storage;

public class FileSystemBlobStoreTests : BlobStoreContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));

    private protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(new FileSystemBlobStore(_root));

    private string PathOf(string name) => Path.Combine(_root, "sha256", name[..2], name);

    protected override Task OverwriteBehindTheStoresBackAsync(string sha256, byte[] bytes) => File.WriteAllBytesAsync(PathOf(sha256), bytes);

    protected override Task PlantBehindTheStoresBackAsync(string name, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(name))!);
        return File.WriteAllBytesAsync(PathOf(name), bytes);
    }

    protected override Task<string> WriteStampAsync(string sha256) =>
        Task.FromResult(File.GetLastWriteTimeUtc(PathOf(sha256)).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_probe_passes_on_an_archive_that_has_stored_nothing_yet_and_fails_when_the_archive_is_gone()
    {
        Directory.CreateDirectory(_root);
        await new FileSystemBlobStore(Path.Combine(_root, "blobs")).ProbeAsync();
        var gone = new FileSystemBlobStore(Path.Combine(_root, "unmounted", "blobs"));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => gone.ProbeAsync());
    }

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Blobs_are_files_under_sha256_and_their_first_two_hex_digits()
    {
        var bytes = Encoding.UTF8.GetBytes("Құпиялылық саясаты");
        var sha = await Store.PutAsync(bytes);
        Assert.True(File.Exists(Path.Combine(_root, "sha256", sha[..2], sha)));
        await Store.PutAsync(bytes);
        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        Assert.Equal($"blobs/sha256/{sha[..2]}/{sha}", Store.Locate(sha));
    }
}
