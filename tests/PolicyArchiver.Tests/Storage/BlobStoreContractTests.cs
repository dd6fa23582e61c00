using System.Text;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Storage;

/// <summary>
/// What every <see cref="IBlobStore"/> promises, run against each implementation: content
/// addressing, write-once, damage detected on read, and a listing that hides nothing.
/// </summary>
public abstract class BlobStoreContractTests : IAsyncLifetime
{
    private protected IBlobStore Store { get; private set; } = null!;

    private protected abstract Task<IBlobStore> CreateStoreAsync();

    /// <summary>Replaces the bytes stored under a digest name, as damage or tampering would, bypassing the store.</summary>
    protected abstract Task OverwriteBehindTheStoresBackAsync(string sha256, byte[] bytes);

    /// <summary>Puts bytes under any name in the folder of its first two characters, bypassing the store.</summary>
    protected abstract Task PlantBehindTheStoresBackAsync(string name, byte[] bytes);

    /// <summary>Something that changes whenever the stored blob is written (a modification time, an ETag).</summary>
    protected abstract Task<string> WriteStampAsync(string sha256);

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Put_returns_the_lowercase_SHA256_and_Get_returns_the_same_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("Құпиялылық саясаты");
        var sha = await Store.PutAsync(bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), sha);
        Assert.Equal(bytes, await Store.GetAsync(sha));
        Assert.True(await Store.ExistsAsync(sha));
        Assert.False(await Store.ExistsAsync(new string('0', 64)));
    }

    [Fact]
    public async Task A_store_that_answers_passes_the_readiness_probe()
    {
        await Store.PutAsync(Encoding.UTF8.GetBytes("probe"));
        await Store.ProbeAsync();
    }

    [Fact]
    public async Task Empty_and_binary_content_round_trip()
    {
        var binary = new byte[100_000];
        new Random(7).NextBytes(binary);
        foreach (var bytes in new[] { Array.Empty<byte>(), binary })
            Assert.Equal(bytes, await Store.GetAsync(await Store.PutAsync(bytes)));
    }

    [Fact]
    public async Task Putting_the_same_bytes_again_is_a_no_op_that_never_rewrites_the_blob()
    {
        var bytes = Encoding.UTF8.GetBytes("5.2. Срок хранения 3 года.");
        var sha = await Store.PutAsync(bytes);
        var stamp = await WriteStampAsync(sha);

        Assert.Equal(sha, await Store.PutAsync(bytes));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.PutAsync(bytes)));

        Assert.Equal(stamp, await WriteStampAsync(sha));
        Assert.Equal([sha], await Store.ListAsync().ToListAsync());
        Assert.Equal(bytes, await Store.GetAsync(sha));
    }

    [Fact]
    public async Task Writers_racing_to_store_the_same_new_bytes_all_succeed_and_one_blob_results()
    {
        var bytes = Encoding.UTF8.GetBytes("<html>политика конфиденциальности</html>");
        var shas = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.PutAsync(bytes))));
        Assert.Single(shas.Distinct());
        Assert.Equal([shas[0]], await Store.ListAsync().ToListAsync());
        Assert.Equal(bytes, await Store.GetAsync(shas[0]));
    }

    [Fact]
    public async Task Get_of_a_missing_blob_is_FileNotFound_naming_the_digest()
    {
        var missing = new string('a', 64);
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => Store.GetAsync(missing));
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public async Task A_name_that_is_not_a_digest_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync("../../catalog.db"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ExistsAsync("abc"));
    }

    [Fact]
    public async Task A_blob_changed_behind_the_stores_back_is_detected_on_Get_and_served_as_is_by_OpenRead()
    {
        var sha = await Store.PutAsync(Encoding.UTF8.GetBytes("5.2. Срок хранения 3 года."));
        var tampered = Encoding.UTF8.GetBytes("5.2. Срок хранения 1 год.");
        await OverwriteBehindTheStoresBackAsync(sha, tampered);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetAsync(sha));
        Assert.Contains(sha, e.Message);
        Assert.Contains(Hashing.Sha256Hex(tampered), e.Message);

        await using var stream = await Store.OpenReadAsync(sha);
        using var read = new MemoryStream();
        await stream.CopyToAsync(read);
        Assert.Equal(tampered, read.ToArray()); // unchecked: verification recomputes the digest itself
    }

    [Fact]
    public async Task List_sees_every_stored_name_including_strays_that_are_not_digests()
    {
        var a = await Store.PutAsync(Encoding.UTF8.GetBytes("a"));
        var b = await Store.PutAsync(Encoding.UTF8.GetBytes("b"));
        var leftover = $"{a}.4242.0123456789abcdef.tmp";
        await PlantBehindTheStoresBackAsync(leftover, [1, 2, 3]);
        await PlantBehindTheStoresBackAsync("zz-not-a-digest", [4]);

        var listed = await Store.ListAsync().ToListAsync();
        Assert.Equal(new[] { a, b, leftover, "zz-not-a-digest" }.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));

        await using var stream = await Store.OpenReadAsync("zz-not-a-digest");
        Assert.Equal(4, stream.ReadByte());
    }

    [Fact]
    public async Task An_empty_store_lists_nothing()
    {
        Assert.Empty(await Store.ListAsync().ToListAsync());
    }

    /// <summary>A long policy page with this request's token and time in its footer, as noisy sites serve it.</summary>
    private static byte[] NoisyPage(int clauses, string noise)
    {
        var random = new Random(clauses);
        var sb = new StringBuilder("<html><body><article>");
        for (var i = 1; i <= clauses; i++) sb.Append("<p>").Append(i).Append(". Банк хранит персональные данные ").Append(random.Next()).Append(" лет.</p>\n");
        return Encoding.UTF8.GetBytes(sb.Append("</article><footer>").Append(noise).Append("</footer></body></html>").ToString());
    }

    [Fact]
    public async Task A_body_put_against_a_base_is_kept_as_a_small_delta_in_its_own_name_space_and_read_back_whole()
    {
        var first = NoisyPage(2000, "token 1f2e · 2026-05-01T10:00:00Z");
        var second = NoisyPage(2000, "token 9a0b · 2026-05-01T16:00:00Z");
        var baseSha = await Store.PutAsync(first);

        var sha = await BlobDelta.PutAsync(Store, second, baseSha, CancellationToken.None);

        Assert.Equal(Hashing.Sha256Hex(second), sha);
        var delta = await Store.GetDeltaAsync(sha);
        Assert.NotNull(delta);
        Assert.True(delta.Length < 200, $"the delta of a {second.Length}-byte page is {delta.Length} bytes");
        Assert.Equal(second, await Store.GetAsync(sha));
        Assert.True(await Store.ExistsAsync(sha));
        Assert.Equal([baseSha], await Store.ListAsync().ToListAsync());
        Assert.Equal([sha], await Store.ListAsync(BlobDelta.Space).ToListAsync());
        Assert.EndsWith($"zstd-delta/{sha[..2]}/{sha}", Store.Locate(sha, BlobDelta.Space));
        await using var stream = await Store.OpenReadAsync(sha, BlobDelta.Space);
        using var read = new MemoryStream();
        await stream.CopyToAsync(read);
        Assert.Equal(delta, read.ToArray());

        // Stored already, as a delta: putting it whole changes nothing.
        Assert.Equal(sha, await Store.PutAsync(second));
        Assert.Equal([baseSha], await Store.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task A_delta_is_made_against_the_whole_blob_behind_a_delta_base_so_reading_is_one_step()
    {
        var keyframe = await Store.PutAsync(NoisyPage(2000, "a"));
        var second = await BlobDelta.PutAsync(Store, NoisyPage(2000, "b"), keyframe, CancellationToken.None);
        var third = NoisyPage(2000, "c");

        var sha = await BlobDelta.PutAsync(Store, third, second, CancellationToken.None);

        Assert.Equal(keyframe, BlobDelta.BaseOf((await Store.GetDeltaAsync(sha))!, "the third"));
        Assert.Equal(third, await Store.GetAsync(sha));
    }

    [Fact]
    public async Task A_body_unlike_its_base_or_with_its_base_missing_is_stored_whole()
    {
        var baseSha = await Store.PutAsync(NoisyPage(2000, "a"));
        var unlike = new byte[50_000];
        new Random(3).NextBytes(unlike);
        var orphan = NoisyPage(2000, "b");

        var unlikeSha = await BlobDelta.PutAsync(Store, unlike, baseSha, CancellationToken.None);
        var orphanSha = await BlobDelta.PutAsync(Store, orphan, new string('c', 64), CancellationToken.None);

        Assert.Null(await Store.GetDeltaAsync(unlikeSha));
        Assert.Null(await Store.GetDeltaAsync(orphanSha));
        Assert.Equal(new[] { baseSha, unlikeSha, orphanSha }.Order(StringComparer.Ordinal), (await Store.ListAsync().ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(unlike, await Store.GetAsync(unlikeSha));
    }

    [Fact]
    public async Task Locate_names_the_digest_in_its_folder()
    {
        var sha = await Store.PutAsync(new byte[] { 42 });
        Assert.EndsWith($"sha256/{sha[..2]}/{sha}", Store.Locate(sha));
    }
}
