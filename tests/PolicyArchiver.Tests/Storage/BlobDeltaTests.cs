using System.Text;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Tests.Storage;

/// <summary>The delta format itself: bases of megabytes, and objects that are not deltas or were cut short.</summary>
public class BlobDeltaTests
{
    private static byte[] Policy(int clauses, string footer)
    {
        var random = new Random(7);
        var sb = new StringBuilder();
        for (var i = 1; i <= clauses; i++) sb.Append("<p>").Append(i).Append(". Деректерді сақтау мерзімі ").Append(random.Next()).Append(" жыл.</p>\n");
        return Encoding.UTF8.GetBytes(sb.Append(footer).ToString());
    }

    [Fact]
    public void A_page_of_several_megabytes_served_again_with_new_noise_is_a_delta_of_a_few_hundred_bytes()
    {
        var first = Policy(120_000, "2026-05-01T10:00:00Z");
        var second = Policy(120_000, "2026-05-01T16:00:00Z");
        Assert.True(first.Length > 5_000_000, $"{first.Length} bytes");
        var baseSha = Hashing.Sha256Hex(first);

        var delta = BlobDelta.Encode(second, first, baseSha);

        Assert.NotNull(delta);
        Assert.True(delta.Length < 2048, $"the delta is {delta.Length} bytes");
        Assert.Equal(baseSha, BlobDelta.BaseOf(delta, "the delta"));
        Assert.Equal(second, BlobDelta.Decode(delta, first, "the delta"));
    }

    [Fact]
    public async Task An_object_that_is_not_a_delta_or_is_cut_short_or_rebuilds_other_bytes_is_refused_naming_where_it_is()
    {
        var first = Policy(500, "a");
        var second = Policy(500, "b");
        var sha = Hashing.Sha256Hex(second);
        var delta = BlobDelta.Encode(second, first, Hashing.Sha256Hex(first))!;
        Task<byte[]> Base(string _, CancellationToken __) => Task.FromResult(first);

        var notDelta = await Assert.ThrowsAsync<InvalidDataException>(() => BlobDelta.ReconstructAsync(second, sha, "blobs/zstd-delta/x", Base, CancellationToken.None));
        Assert.Contains("blobs/zstd-delta/x", notDelta.Message);
        var cut = await Assert.ThrowsAsync<InvalidDataException>(() => BlobDelta.ReconstructAsync(delta[..(delta.Length - 3)], sha, "blobs/zstd-delta/y", Base, CancellationToken.None));
        Assert.Contains("blobs/zstd-delta/y", cut.Message);
        var other = await Assert.ThrowsAsync<InvalidDataException>(() => BlobDelta.ReconstructAsync(delta, new string('0', 64), "blobs/zstd-delta/z", Base, CancellationToken.None));
        Assert.Contains($"blob blobs/zstd-delta/z is corrupt: the SHA-256 of the body it rebuilds is {sha}", other.Message);
        Assert.Equal(second, await BlobDelta.ReconstructAsync(delta, sha, "blobs/zstd-delta/ok", Base, CancellationToken.None));
    }
}
