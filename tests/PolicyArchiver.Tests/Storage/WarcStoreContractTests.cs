using System.Text;
using PolicyArchiver.Evidence.Warc;

namespace PolicyArchiver.Tests.Storage;

/// <summary>
/// What every <see cref="IWarcStore"/> promises, run against each implementation: files are
/// created once, grow only at their end, read back byte for byte at their offsets, and are all listed.
/// </summary>
public abstract class WarcStoreContractTests : IAsyncLifetime
{
    protected const string File1 = "warc/2026/05/01/policyarchiver-1.warc.gz";
    protected const string File2 = "warc/2026/05/02/policyarchiver-2.warc.gz";

    private protected IWarcStore Store { get; private set; } = null!;

    private protected abstract Task<IWarcStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Appends_land_one_after_another_and_read_back_exactly_at_their_offsets()
    {
        byte[] first = Bytes("first capture: warcinfo, request, response"), second = Bytes("second capture: request, response, resource");
        await using (var writer = await Store.CreateAsync(File1))
        {
            Assert.Equal(0, writer.Length);
            await writer.AppendAsync(first);
            Assert.Equal(first.Length, writer.Length);
            await writer.AppendAsync(second);
            Assert.Equal(first.Length + second.Length, writer.Length);
            Assert.Equal(first.Length + second.Length, await Store.LengthAsync(File1)); // durable on return, visible to readers
        }
        Assert.Equal(first, await Store.ReadAsync(File1, 0, first.Length));
        Assert.Equal(second, await Store.ReadAsync(File1, first.Length, second.Length));
        Assert.Equal(first.Concat(second).ToArray(), await Store.ReadAsync(File1, 0, first.Length + second.Length));
        Assert.Equal(second[3..9], await Store.ReadAsync(File1, first.Length + 3, 6));
    }

    [Fact]
    public async Task A_new_file_is_empty_and_a_missing_one_has_no_length()
    {
        await using var writer = await Store.CreateAsync(File1);
        Assert.Equal(0, await Store.LengthAsync(File1));
        Assert.Null(await Store.LengthAsync(File2));
    }

    [Fact]
    public async Task Creating_a_file_that_exists_fails_and_leaves_it_as_it_was()
    {
        await using (var writer = await Store.CreateAsync(File1)) await writer.AppendAsync(Bytes("committed record"));

        await Assert.ThrowsAnyAsync<IOException>(() => Store.CreateAsync(File1));

        Assert.Equal(Bytes("committed record").Length, await Store.LengthAsync(File1));
        Assert.Equal(Bytes("committed record"), await Store.ReadAsync(File1, 0, Bytes("committed record").Length));
    }

    [Fact]
    public async Task A_payload_of_several_mebibytes_round_trips()
    {
        var small = Bytes("warcinfo");
        var large = Random(9 * 1024 * 1024 + 123, seed: 1);
        await using (var writer = await Store.CreateAsync(File1))
        {
            await writer.AppendAsync(small);
            await writer.AppendAsync(large);
            Assert.Equal(small.Length + large.Length, writer.Length);
        }
        Assert.Equal(small.Length + large.Length, await Store.LengthAsync(File1));
        Assert.Equal(large, await Store.ReadAsync(File1, small.Length, large.Length));
        var across = 4 * 1024 * 1024 - 10; // a range spanning where a 4 MiB block would end
        Assert.Equal(large[across..(across + 20)], await Store.ReadAsync(File1, small.Length + across, 20));
    }

    [Fact]
    public async Task Reading_past_the_end_is_invalid_data_not_a_short_answer()
    {
        await using (var writer = await Store.CreateAsync(File1)) await writer.AppendAsync(Bytes("0123456789"));
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.ReadAsync(File1, 8, 5));
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.ReadAsync(File1, 10, 1));
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.ReadAsync(File1, 50, 1));
        Assert.Equal(Bytes("89"), await Store.ReadAsync(File1, 8, 2));
    }

    [Fact]
    public async Task List_lists_every_created_file_even_an_empty_one()
    {
        Assert.Empty(await Store.ListAsync().ToListAsync());
        await using (var writer = await Store.CreateAsync(File2)) await writer.AppendAsync(Bytes("x"));
        await using (await Store.CreateAsync(File1)) { }
        Assert.Equal([File1, File2], (await Store.ListAsync().ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_name_outside_the_archive_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync("../outside.warc.gz"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.LengthAsync("warc/../../catalog.db"));
    }

    [Fact]
    public async Task Locate_names_the_file()
    {
        await using (await Store.CreateAsync(File1)) { }
        Assert.EndsWith(File1, Store.Locate(File1));
    }
}
