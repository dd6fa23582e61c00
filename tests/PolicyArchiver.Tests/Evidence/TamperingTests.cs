using System.Text.Json;
using PolicyArchiver.Cli;
using PolicyArchiver.Tests.Support;
using static PolicyArchiver.Tests.Evidence.EvidenceTests;

namespace PolicyArchiver.Tests.Evidence;

/// <summary>
/// What verify names when an archive is damaged after the fact: a blob, a WARC record, a catalog
/// row, the ledger, a signature, a truncated WARC tail. A class of its own so that it runs beside
/// the other evidence tests, each building its archive from real captures.
/// </summary>
public class TamperingTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [EmbeddedFact]
    public async Task Verify_is_green_on_a_fresh_archive_and_names_each_kind_of_tampering()
    {
        var tenant = chromium.Site.NewTenant();
        // One fetch per capture, so that the edited document's new version is the ledger head its round's checkpoint signs.
        using var temp = await ArchiveWithHistoryAsync(tenant, "--no-confirm");
        var (code, report) = await VerifyAsync(temp.ArchiveDirectory);
        Assert.True(code == ExitCodes.Ok, report.ToString());
        Assert.True(report.GetProperty("checked").GetProperty("ledgerEntries").GetInt64() > 0);
        Assert.True(report.GetProperty("checked").GetProperty("checkpoints").GetInt64() >= 9);
        var versions = await temp.Archive.Catalog.GetVersionsAsync(Privacy);

        // A flipped byte in a blob.
        var blobCopy = CopyOf(temp.ArchiveDirectory);
        var textBlob = Path.Combine(blobCopy, "blobs", "sha256", versions[0].TextSha256[..2], versions[0].TextSha256);
        FlipByte(textBlob, 10);
        (code, report) = await VerifyAsync(blobCopy);
        Assert.Equal(ExitCodes.Damaged, code);
        Assert.Contains(Problems(report), p => p.Kind == "blob" && p.Location == $"blobs/sha256/{versions[0].TextSha256[..2]}/{versions[0].TextSha256}");

        // A flipped byte inside a WARC record.
        var warcCopy = CopyOf(temp.ArchiveDirectory);
        // The first version's: a later one's body, a small edit of it, is kept as a delta and written as a head-only revisit.
        var response = (await temp.Archive.Catalog.GetWarcRecordsAsync(versions[0].ObservationId)).First(r => r.Type == "response");
        FlipByte(Path.Combine(warcCopy, response.File), response.Offset + response.Length / 2);
        (code, report) = await VerifyAsync(warcCopy);
        Assert.Equal(ExitCodes.Damaged, code);
        Assert.Contains(Problems(report), p => p.Kind == "warc" && p.Location == $"{response.File} at offset {response.Offset}");

        // A catalog row changed behind the ledger's back: "unreachable" rewritten as "ok".
        var rowCopy = CopyOf(temp.ArchiveDirectory);
        var notFound = (await temp.Archive.Catalog.GetObservationsAsync("testbank/cookie-policy-ru"))[0];
        Sql(rowCopy, $"UPDATE observations SET outcome = 'ok', http_status = 200 WHERE id = {notFound.Id}");
        (code, report) = await VerifyAsync(rowCopy);
        Assert.Equal(ExitCodes.Damaged, code);
        var entry = (await temp.Archive.Catalog.GetLedgerEntryAsync($"observation:{notFound.Id}"))!;
        Assert.Contains(Problems(report), p => p.Kind == "catalog" && p.Location == $"ledger entry {entry.Seq}");

        // A back-dated version: the row and its ledger entry both edited, the hash recomputed.
        var ledgerCopy = CopyOf(temp.ArchiveDirectory);
        var versionEntry = (await temp.Archive.Catalog.GetLedgerEntryAsync($"version:{Privacy}#2"))!;
        var at = versions[1].CapturedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
        var earlier = versions[1].CapturedAt.AddDays(-30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
        var forged = versionEntry.Json.Replace(at, earlier);
        Sql(ledgerCopy, $"UPDATE versions SET captured_at = '{earlier}' WHERE document = '{Privacy}' AND number = 2",
            $"UPDATE ledger SET json = '{forged.Replace("'", "''")}', hash = '{PolicyArchiver.Model.Hashing.Sha256Hex(forged)}' WHERE seq = {versionEntry.Seq}");
        (code, report) = await VerifyAsync(ledgerCopy);
        Assert.Equal(ExitCodes.Damaged, code);
        Assert.Contains(Problems(report), p => p.Kind == "ledger" && p.Location == $"ledger entry {versionEntry.Seq + 1}");
        Assert.Contains(Problems(report), p => p.Kind == "checkpoint");

        // A checkpoint whose signature was replaced.
        var signatureCopy = CopyOf(temp.ArchiveDirectory);
        Sql(signatureCopy, "UPDATE checkpoints SET signature = randomblob(70) WHERE seq = (SELECT MIN(seq) FROM checkpoints)");
        (code, report) = await VerifyAsync(signatureCopy);
        Assert.Equal(ExitCodes.Damaged, code);
        Assert.Contains(Problems(report), p => p.Kind == "checkpoint" && p.Detail.Contains("signature"));

        // verify changed nothing.
        Assert.Equal(ExitCodes.Ok, (await VerifyAsync(temp.ArchiveDirectory)).Code);
    }

    [EmbeddedFact]
    public async Task A_truncated_warc_tail_is_reported_and_the_archive_continues_in_a_new_file()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await ArchiveWithHistoryAsync(tenant);
        var last = (await temp.Archive.Catalog.GetAllWarcRecordsAsync()).OrderBy(r => r.Date).Last();
        var path = temp.Archive.WarcPath(last.File);
        // A crash in the middle of writing a record that was never committed.
        var member = await File.ReadAllBytesAsync(path);
        await using (var f = new FileStream(path, FileMode.Append)) await f.WriteAsync(member.AsMemory((int)last.Offset, (int)last.Length / 2));

        var (code, report) = await VerifyAsync(temp.ArchiveDirectory);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("detail").GetString()!.Contains("truncated tail"));

        var capture = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", Privacy);
        Assert.Equal(0, capture.ExitCode);
        var newest = (await temp.Archive.Catalog.GetAllWarcRecordsAsync()).OrderBy(r => r.Date).Last();
        Assert.NotEqual(last.File, newest.File);
        Assert.Equal(ExitCodes.Ok, (await VerifyAsync(temp.ArchiveDirectory)).Code);
    }
}
