using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using PolicyArchiver.Cli;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;
using static PolicyArchiver.Tests.Evidence.EvidenceTests;

namespace PolicyArchiver.Tests.Evidence;

/// <summary>
/// Attacks that rewrite the evidence consistently — re-hashed chains, re-signed checkpoints,
/// swapped blobs, forged WARC records, a rolled-back round — and what verify names for each.
/// </summary>
public class BackDatingTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [EmbeddedFact]
    public async Task Verify_names_every_way_to_back_date_or_roll_back_evidence()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await ArchiveWithHistoryAsync(tenant, "--no-confirm");
        var catalog = temp.Archive.Catalog;
        var checkpoints = await catalog.GetCheckpointsAsync();
        var head = (await catalog.GetLedgerHeadAsync())!.Seq;
        var newest = checkpoints[^1];
        // What an auditor kept from the archive's /checkpoints.json before anyone tampered.
        var kept = Path.Combine(temp.ArchiveDirectory, "..", $"kept-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(kept, PublishedCheckpoint.From(newest).ToJson());

        // The printed fingerprint is openssl's.
        var (code, report) = await VerifyAsync(temp.ArchiveDirectory);
        Assert.True(code == ExitCodes.Ok, report.ToString());
        var fingerprint = report.GetProperty("keyFingerprint").GetString()!;
        Assert.Equal(await OpensslFingerprintAsync(Path.Combine(temp.ArchiveDirectory, "keys", "public-key.pem")), fingerprint);
        Assert.Equal(ExitCodes.Ok, (await VerifyAsync(temp.ArchiveDirectory, "--expect-key", fingerprint, "--trusted-checkpoint", kept)).Code);

        // Re-dated, the later entries re-hashed, every checkpoint deleted.
        var rewritten = CopyOf(temp.ArchiveDirectory);
        var versions = await catalog.GetVersionsAsync(Privacy);
        var versionEntry = (await catalog.GetLedgerEntryAsync($"version:{Privacy}#2"))!;
        var at = versions[1].CapturedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
        var earlier = versions[1].CapturedAt.AddDays(-30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
        Sql(rewritten, $"UPDATE versions SET captured_at = '{earlier}' WHERE document = '{Privacy}' AND number = 2");
        BehindItsBack.RehashLedger(rewritten, versionEntry.Seq, json => json.Replace(at, earlier));
        SqlAny(rewritten, "DELETE FROM checkpoints");
        (code, report) = await VerifyAsync(rewritten);
        Assert.True(code == ExitCodes.Damaged, report.ToString());
        Assert.Contains(Problems(report), p => p is { Kind: "ledger" } && p.Location == $"ledger entries 1–{head}" && p.Detail.Contains("not covered by any checkpoint"));
        (code, report) = await VerifyAsync(rewritten, "--trusted-checkpoint", kept);
        Assert.True(code == ExitCodes.Damaged, report.ToString());
        Assert.Contains(Problems(report), p => p is { Kind: "checkpoint" } && p.Location == $"trusted checkpoint at ledger entry {newest.Seq}" && p.Detail.Contains("rewritten"));

        // A new key pair, every checkpoint signed again with it.
        var rekeyed = CopyOf(temp.ArchiveDirectory);
        using (var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(Path.Combine(rekeyed, "keys", "archive-key.pem"), forger.ExportPkcs8PrivateKeyPem());
            await File.WriteAllTextAsync(Path.Combine(rekeyed, "keys", "public-key.pem"), forger.ExportSubjectPublicKeyInfoPem());
            var forgedKey = Convert.ToHexStringLower(SHA256.HashData(forger.ExportSubjectPublicKeyInfo()));
            foreach (var c in checkpoints)
            {
                var statement = Checkpointer.Statement(c.Seq, c.HeadHash, c.At, forgedKey);
                var signature = forger.SignData(Encoding.UTF8.GetBytes(statement), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                Sql(rekeyed, $"UPDATE checkpoints SET statement = '{statement}', signature = X'{Convert.ToHexString(signature)}' WHERE seq = {c.Seq}");
            }
        }
        (code, report) = await VerifyAsync(rekeyed);
        Assert.True(code == ExitCodes.Ok, report.ToString()); // consistent in itself: only what was kept outside tells
        Assert.NotEqual(fingerprint, report.GetProperty("keyFingerprint").GetString());
        (code, report) = await VerifyAsync(rekeyed, "--expect-key", fingerprint.ToUpperInvariant());
        Assert.True(code == ExitCodes.Damaged, report.ToString());
        Assert.Contains(Problems(report), p => p is { Kind: "key", Location: "keys/public-key.pem" } && p.Detail.Contains($"expected {fingerprint}"));
        (code, report) = await VerifyAsync(rekeyed, "--trusted-checkpoint", kept);
        Assert.True(code == ExitCodes.Damaged, report.ToString());
        Assert.Contains(Problems(report), p => p is { Kind: "checkpoint" } && p.Location == $"trusted checkpoint at ledger entry {newest.Seq}" && p.Detail.Contains("key was replaced"));

        // A blob the catalog refers to, removed; another valid blob put in under its own name.
        var swapped = CopyOf(temp.ArchiveDirectory);
        var text = versions[0].TextSha256;
        File.Delete(Path.Combine(swapped, "blobs", "sha256", text[..2], text));
        var other = Encoding.UTF8.GetBytes("a different text");
        var otherName = Hashing.Sha256Hex(other);
        Directory.CreateDirectory(Path.Combine(swapped, "blobs", "sha256", otherName[..2]));
        await File.WriteAllBytesAsync(Path.Combine(swapped, "blobs", "sha256", otherName[..2], otherName), other);
        (code, report) = await VerifyAsync(swapped);
        Assert.True(code == ExitCodes.Damaged, report.ToString());
        Assert.Contains(Problems(report), p => p is { Kind: "blob" } && p.Location == $"blobs/sha256/{text[..2]}/{text}" && p.Detail.StartsWith($"blob {text} is missing"));

        // A well-formed response record, never captured, appended to a WARC file.
        var appended = CopyOf(temp.ArchiveDirectory);
        var lastFile = (await catalog.GetAllWarcRecordsAsync()).OrderBy(r => r.Date).Last().File;
        var length = new FileInfo(Path.Combine(appended, lastFile)).Length;
        await using (var f = new FileStream(Path.Combine(appended, lastFile), FileMode.Append)) await f.WriteAsync(ForgedResponse());
        (code, report) = await VerifyAsync(appended);
        Assert.True(code == ExitCodes.Damaged, report.ToString());
        Assert.Contains(Problems(report), p => p is { Kind: "warc" } && p.Location == $"{lastFile} at offset {length}" && p.Detail.Contains("not what a capture writes"));

        // A record the index no longer refers to, followed by records it does.
        var unindexed = CopyOf(temp.ArchiveDirectory);
        var firstFile = (await catalog.GetAllWarcRecordsAsync()).OrderBy(r => r.Date).First().File;
        Sql(unindexed, $"DELETE FROM warc_records WHERE file = '{firstFile}' AND offset = 0");
        (code, report) = await VerifyAsync(unindexed);
        Assert.True(code == ExitCodes.Damaged, report.ToString());
        Assert.Contains(Problems(report), p => p is { Kind: "warc" } && p.Location == $"{firstFile} at offset 0" && p.Detail.Contains("followed by committed records"));

        // The newest round rolled back: its rows, its ledger entries and its checkpoint.
        var rolledBack = CopyOf(temp.ArchiveDirectory);
        var kept8 = checkpoints[^2].Seq;
        foreach (var entry in await catalog.GetLedgerAsync(kept8 + 1, head))
        {
            var id = entry.Subject[(entry.Subject.IndexOf(':') + 1)..];
            if (entry.Kind == "observation")
                SqlAny(rolledBack, $"DELETE FROM warc_records WHERE observation_id = {id}", $"DELETE FROM snapshots WHERE observation_id = {id}", $"DELETE FROM observations WHERE id = {id}");
        }
        SqlAny(rolledBack, $"DELETE FROM ledger WHERE seq > {kept8}", $"DELETE FROM checkpoints WHERE seq > {kept8}");
        (code, report) = await VerifyAsync(rolledBack, "--trusted-checkpoint", kept);
        Assert.True(code == ExitCodes.Damaged, report.ToString());
        Assert.Contains(Problems(report), p => p is { Kind: "checkpoint" } && p.Location == $"trusted checkpoint at ledger entry {newest.Seq}" && p.Detail.Contains("rolled back"));

        // Checkpoints whose order in time contradicts their order in the ledger.
        var reordered = CopyOf(temp.ArchiveDirectory);
        Sql(reordered, $"UPDATE checkpoints SET at = '2000-01-01T00:00:00.0000000Z' WHERE seq = {newest.Seq}");
        (code, report) = await VerifyAsync(reordered);
        Assert.True(code == ExitCodes.Damaged, report.ToString());
        Assert.Contains(Problems(report), p => p is { Kind: "checkpoint" } && p.Location == $"checkpoint at ledger entry {newest.Seq}" && p.Detail.Contains("go backwards"));

        // Only the newest checkpoint removed: one round, one process, after the last checkpoint — an interrupted round.
        var interrupted = CopyOf(temp.ArchiveDirectory);
        Sql(interrupted, $"DELETE FROM checkpoints WHERE seq = {newest.Seq}");
        (code, report) = await VerifyAsync(interrupted);
        Assert.True(code == ExitCodes.Ok, report.ToString());
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("location").GetString() == $"ledger entries {kept8 + 1}–{head}");
        Assert.Equal(ExitCodes.Ok, (await VerifyAsync(interrupted, "--trusted-checkpoint", kept)).Code);
    }

    /// <summary>What a round cut short before its checkpoint leaves is signed by the next command.</summary>
    [EmbeddedFact]
    public async Task The_next_capture_signs_what_a_round_interrupted_before_its_checkpoint_left()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await ArchiveWithHistoryAsync(tenant, "--no-confirm");
        var checkpoints = await temp.Archive.Catalog.GetCheckpointsAsync();
        var head = (await temp.Archive.Catalog.GetLedgerHeadAsync())!.Seq;
        Assert.Equal([1], BehindItsBack.Sql(temp.ArchiveDirectory, $"DELETE FROM checkpoints WHERE seq = {checkpoints[^1].Seq}"));

        var capture = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--no-confirm", "--only", Privacy);

        Assert.True(capture.ExitCode == ExitCodes.Ok, capture.Error);
        Assert.Contains($"checkpoint: ledger entry {head} signed", capture.Error);
        var after = await temp.Archive.Catalog.GetCheckpointsAsync();
        Assert.Equal([.. checkpoints.Select(c => c.Seq), (await temp.Archive.Catalog.GetLedgerHeadAsync())!.Seq], after.Select(c => c.Seq));
        var (code, report) = await VerifyAsync(temp.ArchiveDirectory);
        Assert.True(code == ExitCodes.Ok, report.ToString());
    }

    private static async Task<string> OpensslFingerprintAsync(string publicKeyPem)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"openssl pkey -pubin -in '{publicKeyPem}' -outform DER | sha256sum"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split(' ')[0].Trim();
    }

    private static byte[] ForgedResponse()
    {
        var block = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>We never sell your data.</p>");
        var record = new WarcRecord { Block = block }
            .Add("WARC-Type", "response")
            .Add("WARC-Record-ID", WarcRecord.NewRecordId())
            .Add("WARC-Date", WarcRecord.Date(DateTimeOffset.UtcNow.AddYears(-1)))
            .Add("WARC-Target-URI", "https://bank.example/privacy")
            .Add("Content-Type", "application/http;msgtype=response")
            .Add("WARC-Block-Digest", WarcDigest.Of(block))
            .Add("WARC-Payload-Digest", WarcDigest.Of(WarcReader.HttpPayload(block)));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(record.Serialize());
        return buffer.ToArray();
    }

    private static void SqlAny(string archiveDirectory, params string[] statements)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(archiveDirectory, "catalog.db")};Pooling=False");
        c.Open();
        foreach (var sql in statements)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
    }
}
