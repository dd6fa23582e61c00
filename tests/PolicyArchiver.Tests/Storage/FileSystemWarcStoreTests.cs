using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage.FileSystem;

namespace PolicyArchiver.Tests.Storage;

public class FileSystemWarcStoreTests : WarcStoreContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));

    private protected override Task<IWarcStore> CreateStoreAsync() => Task.FromResult<IWarcStore>(new FileSystemWarcStore(_root));

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Files_live_under_the_archive_directory_by_their_relative_name()
    {
        await using (var writer = await Store.CreateAsync(File1)) await writer.AppendAsync(Bytes("record"));
        Assert.Equal(Bytes("record"), await File.ReadAllBytesAsync(Path.Combine(_root, "warc", "2026", "05", "01", "policyarchiver-1.warc.gz")));
    }
}
