using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PolicyArchiver.Cli;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Evidence;

/// <summary>
/// Evidence an auditor can check: WARC files, the ledger, checkpoints, verify and evidence bundles,
/// built from real captures of the fixture site.
/// </summary>
public class EvidenceTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    internal const string Pdf = "testbank/personal-data-policy-kk";
    internal const string Privacy = "testbank/privacy-policy-ru";

    /// <summary>Two rounds of v1 (the second unchanged), then v2, over a few documents, through the CLI (shared by the evidence test classes).</summary>
    internal static async Task<TempArchive> ArchiveWithHistoryAsync(FixtureSite.Tenant tenant, params string[] extra)
    {
        var temp = await TempArchive.CreateAsync(tenant);
        foreach (var phase in new[] { "v1", "v1", "v2" })
        {
            tenant.Phase = phase;
            foreach (var only in new[] { Pdf, Privacy, "testbank/cookie-policy-ru" })
            {
                var result = await Support.Cli.RunAsync(temp, ["capture", "--loopback-only", "--only", only, .. extra]);
                Assert.True(result.ExitCode == 0, result.Error);
            }
        }
        SqliteConnection.ClearAllPools();
        return temp;
    }

    internal static async Task<(int Code, JsonElement Report)> VerifyAsync(string archiveDirectory, params string[] options)
    {
        var result = await Support.Cli.RunAsync(["verify", "--json", "--archive", archiveDirectory, .. options]);
        SqliteConnection.ClearAllPools();
        return (result.ExitCode, JsonDocument.Parse(result.Out).RootElement);
    }

    internal static List<(string Kind, string Location, string Detail)> Problems(JsonElement report) =>
        report.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("kind").GetString()!, p.GetProperty("location").GetString()!, p.GetProperty("detail").GetString()!)).ToList();

    internal static string CopyOf(string archiveDirectory)
    {
        var copy = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(archiveDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(archiveDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    [EmbeddedFact]
    public async Task Warc_files_hold_every_capture_and_warcio_reads_them_with_revisits_for_unchanged_bytes()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await ArchiveWithHistoryAsync(tenant);
        var catalog = temp.Archive.Catalog;

        var pdfObservations = await catalog.GetObservationsAsync(Pdf);
        var first = await catalog.GetWarcRecordsAsync(pdfObservations[0].Id);
        var second = await catalog.GetWarcRecordsAsync(pdfObservations[1].Id);
        var original = Assert.Single(first, r => r.Type == "response");
        var revisit = Assert.Single(second, r => r.Type == "revisit");
        Assert.Equal(original.PayloadDigest, revisit.PayloadDigest);
        var all = await catalog.GetAllWarcRecordsAsync();
        Assert.True(revisit.Length < 1024, $"revisit record is {revisit.Length} bytes");
        Assert.Contains(second, r => r.Type == "request");

        var notFound = await catalog.GetWarcRecordsAsync((await catalog.GetObservationsAsync("testbank/cookie-policy-ru"))[0].Id);
        Assert.Contains(notFound, r => r.Type == "response"); // what the server said is evidence too

        var html = await catalog.GetWarcRecordsAsync((await catalog.GetObservationsAsync(Privacy))[0].Id);
        Assert.Equal(["request", "response", "screenshot", "dom", "text"], html.Where(r => r.Role is not ("warcinfo" or "subresource")).Select(r => r.Role));
        // Then what the rendered page loaded: its stylesheet's request and response.
        Assert.Equal([("request", "subresource"), ("response", "subresource")], html.Where(r => r.TargetUri.EndsWith("/static/css/site.css", StringComparison.Ordinal)).Select(r => (r.Type, r.Role)));

        foreach (var file in all.GroupBy(r => r.File))
        {
            var read = await WarcTests.WarcioAsync(temp.Archive.WarcPath(file.Key));
            var byId = read.ToDictionary(r => r.GetProperty("recordId").GetString()!);
            foreach (var record in file)
            {
                var found = byId[record.RecordId];
                Assert.Equal(record.Offset, found.GetProperty("offset").GetInt64());
                Assert.Equal(record.Length, found.GetProperty("length").GetInt64());
                Assert.Equal(record.Type, found.GetProperty("type").GetString());
                if (record.Type == "response")
                    Assert.Equal(record.PayloadDigest, found.GetProperty("payloadSha256").GetString());
                if (record.Type == "revisit")
                {
                    var target = Assert.Single(all, r => r.RecordId == found.GetProperty("refersTo").GetString());
                    Assert.Equal(("response", record.TargetUri), (target.Type, target.TargetUri));
                    if (found.GetProperty("profile").GetString() == PolicyArchiver.Evidence.Warc.DeltaRevisit.Profile)
                    {
                        // A small edit of the body it refers to, kept as a delta: the body the blob store rebuilds has the payload digest.
                        var body = await temp.Archive.Blobs.GetAsync(PolicyArchiver.Evidence.Warc.WarcDigest.Hex(record.PayloadDigest)!);
                        Assert.Equal(record.PayloadDigest, PolicyArchiver.Evidence.Warc.WarcDigest.Of(body));
                        Assert.NotEqual(target.PayloadDigest, record.PayloadDigest);
                    }
                    else
                    {
                        Assert.Equal("http://netpreserve.org/warc/1.1/revisit/identical-payload-digest", found.GetProperty("profile").GetString());
                        Assert.Equal(record.PayloadDigest, target.PayloadDigest);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task An_evidence_bundle_checks_out_with_sha256sum_and_openssl_alone()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await ArchiveWithHistoryAsync(tenant);
        var versions = await temp.Archive.Catalog.GetVersionsAsync(Privacy);
        var at = versions[1].CapturedAt.AddTicks(-1); // version 1 was in force
        var zip = Path.Combine(temp.Directory, "evidence.zip");

        var result = await Support.Cli.RunAsync(temp, "evidence", Privacy, "--at", at.ToString("O"), "--out", zip);
        Assert.True(result.ExitCode == 0, result.Error);
        var dir = Path.Combine(temp.Directory, "unzipped");
        ZipFile.ExtractToDirectory(zip, dir);
        var evidence = Path.Combine(dir, "evidence");

        Assert.Equal(await temp.Archive.ReadTextAsync(versions[0]), await File.ReadAllTextAsync(Path.Combine(evidence, "text.txt")));
        var observations = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(evidence, "observations.json"))).RootElement;
        Assert.Equal(2, observations.GetArrayLength()); // the capture of v1 and the unchanged one after it
        // The manifest shows its instants as everywhere else; the ledger entries keep their own 100-ns form.
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(evidence, "manifest.json")))!;
        Assert.Equal(3, ShownInstants.AssertAllShown(manifest).Count);
        Assert.Equal(PolicyArchiver.Model.Instant.Format(versions[0].CapturedAt), manifest["capturedAt"]!.GetValue<string>());

        // What the browser showed is the page printed to PDF, named for what it is.
        var screenshot = await File.ReadAllBytesAsync(Path.Combine(evidence, "snapshot", "screenshot.pdf"));
        Assert.Equal("%PDF-"u8.ToArray(), screenshot[..5]);
        Assert.False(File.Exists(Path.Combine(evidence, "snapshot", "screenshot.png")));

        // Run the shell blocks of VERIFY.md as an auditor would.
        var guide = await File.ReadAllTextAsync(Path.Combine(evidence, "VERIFY.md"));
        Assert.Contains("`snapshot/screenshot.pdf`\n  (the page printed to PDF", guide.ReplaceLineEndings("\n"));
        var blocks = CodeBlocks(guide);
        Assert.True(blocks.Count >= 3);
        var outputs = new StringBuilder();
        foreach (var block in blocks.Take(3))
        {
            var run = await Repository.RunAsync("bash", evidence, "-c", "set -e\n" + block);
            Assert.True(run.ExitCode == 0, $"{block}\n{run.Out}\n{run.Error}");
            outputs.Append(run.Out);
        }
        var text = outputs.ToString();
        Assert.Equal(2, text.Split("Verified OK").Length - 1);
        Assert.Contains("chain reaches the signed checkpoint", text);
        Assert.DoesNotContain("chain broken", text);
        Assert.DoesNotContain("FAILED", text);
        Assert.Contains($"\"textSha256\":\"{versions[0].TextSha256}\"", text);
        Assert.Contains($"{versions[0].TextSha256}  text.txt", text);

        // Any altered file shows.
        await File.AppendAllTextAsync(Path.Combine(evidence, "text.txt"), "7.1. Банк вправе продавать данные.\n");
        var check = await Repository.RunAsync("sha256sum", evidence, "-c", "SHA256SUMS");
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("text.txt: FAILED", check.Out);

        var warc = await WarcTests.WarcioAsync(Path.Combine(evidence, "warc", "capture.warc.gz"));
        Assert.Contains(warc, r => r.GetProperty("type").GetString() == "response");
        Assert.Contains(warc, r => r.GetProperty("type").GetString() == "resource");
    }

    [Fact]
    public async Task Evidence_for_an_instant_before_the_first_version_is_exit_3()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        Assert.Equal(0, (await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", Privacy)).ExitCode);
        var result = await Support.Cli.RunAsync(temp, "evidence", Privacy, "--at", "2020-01-01", "--out", Path.Combine(temp.Directory, "e.zip"));
        Assert.Equal(ExitCodes.Nothing, result.ExitCode);
        Assert.Contains("no version had been captured", result.Error);
        Assert.False(File.Exists(Path.Combine(temp.Directory, "e.zip")));
    }

    [Fact]
    public async Task Checkpoints_are_timestamped_by_a_configured_authority()
    {
        await using var tsa = await TestTimestampAuthority.StartAsync();
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var capture = await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", Privacy, "--tsa", tsa.Url.AbsoluteUri);
        Assert.True(capture.ExitCode == 0, capture.Error);
        Assert.Contains("timestamped by", capture.Error);
        Assert.Equal(1, tsa.Requests);

        var zip = Path.Combine(temp.Directory, "evidence.zip");
        Assert.Equal(0, (await Support.Cli.RunAsync(temp, "evidence", Privacy, "--at", DateTimeOffset.UtcNow.ToString("O"), "--out", zip)).ExitCode);
        ZipFile.ExtractToDirectory(zip, Path.Combine(temp.Directory, "unzipped"));
        var evidence = Path.Combine(temp.Directory, "unzipped", "evidence");
        await File.WriteAllTextAsync(Path.Combine(evidence, "tsa-ca.pem"), tsa.CaPem());
        await File.WriteAllTextAsync(Path.Combine(evidence, "tsa.pem"), tsa.TsaChainPem());
        var ts = await Repository.RunAsync("openssl", evidence, "ts", "-verify", "-data", "checkpoint.json", "-in", "checkpoint.tsr", "-CAfile", "tsa-ca.pem", "-untrusted", "tsa.pem");
        Assert.True(ts.ExitCode == 0, ts.Out + ts.Error);
        Assert.Contains("Verification: OK", ts.Out);
        SqliteConnection.ClearAllPools();
        Assert.Equal(ExitCodes.Ok, (await VerifyAsync(temp.ArchiveDirectory)).Code);
    }

    /// <summary>The indented (four-space) shell blocks of a Markdown text, one string per block.</summary>
    private static List<string> CodeBlocks(string markdown)
    {
        var blocks = new List<string>();
        var current = new StringBuilder();
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("    ", StringComparison.Ordinal)) current.Append(line[4..]).Append('\n');
            else if (line.Trim().Length > 0 && current.Length > 0)
            {
                blocks.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) blocks.Add(current.ToString());
        return blocks;
    }

    internal static void FlipByte(string path, long offset)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        f.Position = offset;
        var b = f.ReadByte();
        f.Position = offset;
        f.WriteByte((byte)(b ^ 0x01));
    }

    internal static void Sql(string archiveDirectory, params string[] statements)
    {
        using (var c = new SqliteConnection($"Data Source={Path.Combine(archiveDirectory, "catalog.db")};Pooling=False"))
        {
            c.Open();
            foreach (var sql in statements)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                Assert.Equal(1, cmd.ExecuteNonQuery());
            }
        }
    }
}
