using System.Globalization;
using System.IO.Compression;
using PolicyArchiver.Evidence.Verification;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Storage.Azure;
using PolicyArchiver.Tests.Evidence;
using PolicyArchiver.Tests.Exporting;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Tests.Versioning;

namespace PolicyArchiver.Tests.Storage;

/// <summary>
/// A 120 KB policy served again with only per-request noise (a token, a timestamp, a ticket number)
/// is kept as a zstd delta against the previous capture's body: a few hundred bytes in the blob
/// store and a head-only revisit in the WARC files, while the exact bytes served come back, verify
/// rebuilds and checks them, any damage to the delta is named, and exports carry the whole response.
/// Runs on the storage the test run is configured with (embedded, or PostgreSQL and Azurite).
/// </summary>
public class DeltaBodyTests(NoiseFixture fixture) : IClassFixture<NoiseFixture>
{
    private sealed record Captured(TempArchive Temp, NoiseSite.Tenant Tenant, Observation First, Observation Second, Snapshot Whole, Snapshot Delta) : IDisposable
    {
        public void Dispose() => Temp.Dispose();
    }

    private async Task<Captured> CaptureTwiceAsync()
    {
        var tenant = fixture.Site.NewTenant();
        tenant.Clauses = 400;
        var temp = await TempArchive.CreateAsync(NoiseSite.TargetsFor(tenant), testStorage: true);
        var archivist = temp.Archivist(fixture.Browser);
        var document = temp.Targets.Documents.Single();
        var first = await archivist.CaptureAsync(document, CancellationToken.None);
        var second = await archivist.CaptureAsync(document, CancellationToken.None);
        Assert.Equal((Outcome.Ok, Outcome.Ok), (first.Outcome, second.Outcome));
        var catalog = temp.Archive.Catalog;
        return new Captured(temp, tenant, first, second, (await catalog.GetSnapshotAsync(first.Id))!, (await catalog.GetSnapshotAsync(second.Id))!);
    }

    [Fact]
    public async Task A_page_served_again_with_new_noise_is_stored_as_a_small_delta_that_gives_back_the_exact_bytes_served()
    {
        using var c = await CaptureTwiceAsync();
        var blobs = c.Temp.Archive.Blobs;
        Assert.True(c.Whole.BodySize > 100_000, $"the page is {c.Whole.BodySize} bytes");
        Assert.NotEqual(c.Whole.BodySha256, c.Delta.BodySha256);

        Assert.Null(await blobs.GetDeltaAsync(c.Whole.BodySha256));
        var delta = await blobs.GetDeltaAsync(c.Delta.BodySha256);
        Assert.NotNull(delta);
        Assert.True(delta.Length < 1024, $"the delta is {delta.Length} bytes");
        Assert.Equal(c.Whole.BodySha256, BlobDelta.BaseOf(delta, "the delta"));
        var whole = await blobs.ListAsync().ToListAsync();
        Assert.Contains(c.Whole.BodySha256, whole);
        Assert.DoesNotContain(c.Delta.BodySha256, whole);

        var body = await blobs.GetAsync(c.Delta.BodySha256);
        Assert.Equal(c.Delta.BodySha256, Hashing.Sha256Hex(body));
        Assert.Equal(c.Delta.BodySize, body.LongLength);
        Assert.Contains(c.Tenant.Served, served => served.AsSpan().SequenceEqual(body));

        // The WARC revisit carries the head only, the whole body's digest, and the base's response.
        var catalog = c.Temp.Archive.Catalog;
        var baseResponse = (await catalog.GetWarcRecordsAsync(c.First.Id)).Last(r => r.Type == "response" && r.Role != WarcRecordLocation.SubresourceRole);
        var location = Assert.Single(await catalog.GetWarcRecordsAsync(c.Second.Id), r => r.Type == "revisit" && r.PayloadDigest == WarcDigest.Prefix + c.Delta.BodySha256);
        var revisit = WarcReader.ReadMember(await c.Temp.Archive.WarcStore.ReadAsync(location.File, location.Offset, location.Length), location.File);
        Assert.Equal(DeltaRevisit.Profile, revisit["WARC-Profile"]);
        Assert.Equal(baseResponse.RecordId, revisit["WARC-Refers-To"]);
        Assert.Equal(WarcDigest.Prefix + c.Whole.BodySha256, revisit[DeltaRevisit.BaseHeader]);
        Assert.True(location.Length < 2048, $"the revisit record is {location.Length} bytes gzip'd");
        Assert.StartsWith("HTTP/1.1 200", System.Text.Encoding.UTF8.GetString(revisit.Block));

        var report = await new ArchiveVerifier(c.Temp.Archive).VerifyAsync(null, CancellationToken.None);
        Assert.DoesNotContain(report.Problems, p => p.Kind is "blob" or "warc");
        Assert.True(report.Checked["blobDeltas"] >= 1);
    }

    public static TheoryData<string> Damages => new() { "flipped byte", "truncated", "base deleted" };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_delta_fails_verify_naming_its_file(string damage)
    {
        using var c = await CaptureTwiceAsync();
        var blobs = c.Temp.Archive.Blobs;
        var sha = c.Delta.BodySha256;
        switch (damage)
        {
            case "flipped byte":
                await ReplaceAsync(c, BlobDelta.Space, sha, bytes =>
                {
                    bytes[^2] ^= 0x5a; // inside the zstd frame's last block, past its header
                    return bytes;
                });
                break;
            case "truncated":
                await ReplaceAsync(c, BlobDelta.Space, sha, bytes => bytes[..(bytes.Length * 2 / 3)]);
                break;
            default:
                await ReplaceAsync(c, IBlobStore.Whole, c.Whole.BodySha256, _ => null);
                break;
        }

        var e = await Assert.ThrowsAnyAsync<Exception>(() => blobs.GetAsync(sha));
        Assert.True(e is InvalidDataException or FileNotFoundException, e.ToString());
        var report = await new ArchiveVerifier(c.Temp.Archive).VerifyAsync(null, CancellationToken.None);
        Assert.False(report.Intact);
        var named = Assert.Single(report.Problems, p => p.Kind == "blob" && p.Location == blobs.Locate(sha, BlobDelta.Space));
        if (damage == "base deleted") Assert.Contains($"base blob {c.Whole.BodySha256} is missing", named.Detail);
        Assert.Contains(report.Problems, p => p.Kind == "warc" && p.Detail.Contains(WarcDigest.Prefix + sha, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_WACZ_export_writes_the_delta_stored_capture_as_a_standard_response_with_the_whole_body()
    {
        using var c = await CaptureTwiceAsync();
        var revisit = (await c.Temp.Archive.Catalog.GetWarcRecordsAsync(c.Second.Id)).Single(r => r.PayloadDigest == WarcDigest.Prefix + c.Delta.BodySha256);
        Assert.Equal("revisit", revisit.Type);
        var file = ExportRun.NewPath(".wacz");
        var day = c.Second.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var run = await Support.Cli.RunAsync(c.Temp, "export", "--format", "wacz", "--from", day, "--to", day, "--out", file);
        Assert.True(run.ExitCode == 0, run.Error);

        using var zip = ZipFile.OpenRead(file);
        var warcBytes = ExportRun.Entry(zip, "archive/data.warc.gz");
        var warc = Path.Combine(Path.GetDirectoryName(file)!, "data.warc.gz");
        await File.WriteAllBytesAsync(warc, warcBytes);
        var read = (await WarcTests.WarcioAsync(warc)).Single(r => r.GetProperty("recordId").GetString() == revisit.RecordId);
        Assert.Equal("response", read.GetProperty("type").GetString());
        Assert.Equal(WarcDigest.Prefix + c.Delta.BodySha256, read.GetProperty("payloadSha256").GetString());
        Assert.Equal(WarcDigest.Prefix + c.Delta.BodySha256, read.GetProperty("payloadDigest").GetString());
        Assert.Equal(c.Delta.BodySize, read.GetProperty("payloadLength").GetInt64());

        var record = WarcReader.ReadAllFrom(warcBytes, warc).Single(r => r.RecordId == revisit.RecordId);
        Assert.Equal(WarcDigest.Of(record.Block), record["WARC-Block-Digest"]);
        Assert.Null(record["WARC-Profile"]);
        Assert.Null(record[DeltaRevisit.BaseHeader]);
    }

    [Fact]
    public async Task Migrating_the_archive_copies_the_delta_as_it_is_and_the_copy_verifies()
    {
        using var c = await CaptureTwiceAsync();
        var to = Path.Combine(c.Temp.Directory, "copy");
        // The captures were recorded in process, without a round's checkpoint: vouch for them, as verify allows once.
        var signed = await Support.Cli.RunAsync(c.Temp, "verify", "--sign-uncovered");
        Assert.True(signed.ExitCode == 0, signed.Error + signed.Out);
        var run = await Support.Cli.RunAsync(c.Temp, "migrate-archive", "--to", to, "--json");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        Assert.True(System.Text.Json.Nodes.JsonNode.Parse(run.Out)!["intact"]!.GetValue<bool>(), run.Out);

        using var copy = await TestStorage.OpenReadOnlyAsync(to);
        var delta = await c.Temp.Archive.Blobs.GetDeltaAsync(c.Delta.BodySha256);
        Assert.NotNull(delta);
        Assert.Equal(delta, await copy.Blobs.GetDeltaAsync(c.Delta.BodySha256));
        Assert.Equal(await c.Temp.Archive.Blobs.GetAsync(c.Delta.BodySha256), await copy.Blobs.GetAsync(c.Delta.BodySha256));
    }

    /// <summary>Rewrites (or, for null, deletes) a stored object behind the store's back, in either backend.</summary>
    private static async Task ReplaceAsync(Captured c, string space, string sha, Func<byte[], byte[]?> edit)
    {
        if (c.Temp.Archive.Blobs is AzureBlobStore azure)
        {
            var blob = azure.Container.GetBlobClient($"{space}/{sha[..2]}/{sha}");
            var edited = edit((await blob.DownloadContentAsync()).Value.Content.ToArray());
            if (edited is null) await blob.DeleteAsync();
            else await blob.UploadAsync(BinaryData.FromBytes(edited), overwrite: true);
            return;
        }
        var path = Path.Combine(c.Temp.ArchiveDirectory, "blobs", space, sha[..2], sha);
        var bytes = edit(await File.ReadAllBytesAsync(path));
        if (bytes is null) File.Delete(path);
        else await File.WriteAllBytesAsync(path, bytes);
    }
}
