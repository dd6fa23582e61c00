using System.IO.Compression;
using System.Text;
using System.Text.Json;
using PolicyArchiver.Cli;
using PolicyArchiver.Demo;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Importing;

/// <summary>History that exists elsewhere — other archives' WARC files, hand-saved files — imported in date order.</summary>
public class ImportTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Privacy = "testbank/privacy-policy-ru";
    private const string Pdf = "testbank/personal-data-policy-kk";

    /// <summary>A response record as another archiver writes it: chunked, gzip-encoded, uncompressed WARC.</summary>
    private static byte[] ForeignResponse(string url, DateTimeOffset at, string html, string status = "200 OK")
    {
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true)) z.Write(Encoding.UTF8.GetBytes(html));
        var payload = gz.ToArray();
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n");
        var chunk = Encoding.ASCII.GetBytes($"{payload.Length:x}\r\n");
        var block = head.Concat(chunk).Concat(payload).Concat("\r\n0\r\n\r\n"u8.ToArray()).ToArray();
        return new WarcRecord { Block = block }
            .Add("WARC-Type", "response").Add("WARC-Record-ID", WarcRecord.NewRecordId()).Add("WARC-Date", WarcRecord.Date(at))
            .Add("WARC-Target-URI", url).Add("Content-Type", "application/http; msgtype=response")
            .Serialize();
    }

    [Fact]
    public async Task Older_captures_from_a_warc_and_a_manifest_rebuild_the_history_in_date_order()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        tenant.Phase = "v2"; // what the site serves now
        foreach (var doc in new[] { Privacy, Pdf })
            Assert.Equal(0, (await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", doc)).ExitCode);

        // Another archive saved the page in May and July 2024 (scheme and trailing slash differ: same page).
        var url = temp.Document("privacy-policy-ru").Url.AbsoluteUri;
        var page = File.ReadAllText(Path.Combine(FixtureSite.Root, "v1", "privacy-ru.html"));
        var warc = Path.Combine(temp.Directory, "other-archive.warc");
        await File.WriteAllBytesAsync(warc, [
            .. ForeignResponse(url + "/", new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero), Noise.Fill(page, DateTimeOffset.UtcNow)),
            .. ForeignResponse(url, new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero), Noise.Fill(page, DateTimeOffset.UtcNow)),
            .. ForeignResponse("https://elsewhere.kz/terms", new DateTimeOffset(2024, 5, 2, 9, 0, 0, TimeSpan.Zero), Noise.Fill(page, DateTimeOffset.UtcNow)),
        ]);
        // A researcher saved the PDF by hand in June 2024.
        File.Copy(Path.Combine(FixtureSite.Root, "v1", "policy-kk.pdf"), Path.Combine(temp.Directory, "saved.pdf"));
        var manifest = Path.Combine(temp.Directory, "saved.jsonl");
        await File.WriteAllTextAsync(manifest, $"{{\"file\": \"saved.pdf\", \"document\": \"{Pdf}\", \"capturedAt\": \"2024-06-01T10:00:00Z\"}}\n");

        var result = await Support.Cli.RunAsync(temp, "import", warc, "--manifest", manifest, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var report = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal((4, 3), (report.GetProperty("records").GetInt32(), report.GetProperty("matched").GetInt32()));
        Assert.Equal(["https://elsewhere.kz/terms"], report.GetProperty("unmatched").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(new HashSet<string> { Privacy, Pdf }, report.GetProperty("rebuilt").EnumerateArray().Select(d => d.GetString()!).ToHashSet());

        var history = JsonDocument.Parse((await Support.Cli.RunAsync(temp, "history", Privacy, "--json")).Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("2024-05-01T09:00:00Z", history[0].GetProperty("capturedAt").GetString()); // the record's WARC-Date
        Assert.Contains("составляет 3 года", (await Support.Cli.RunAsync(temp, "show", Privacy, "--at", "2024-06-15")).Out, StringComparison.Ordinal);
        Assert.Contains("составляет 5 лет", (await Support.Cli.RunAsync(temp, "show", Privacy)).Out, StringComparison.Ordinal);
        var change = JsonDocument.Parse((await Support.Cli.RunAsync(temp, "changes", Privacy, "--json")).Out).RootElement;
        Assert.Equal(2, Assert.Single(change.EnumerateArray()).GetProperty("toVersion").GetInt32());

        var pdfHistory = await temp.Archive.Catalog.GetVersionsAsync(Pdf);
        Assert.Equal([new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero)], pdfHistory.Take(1).Select(v => v.CapturedAt));
        Assert.Equal(2, pdfHistory.Count);

        // Provenance: imported observations say so, ours do not.
        var observations = JsonDocument.Parse((await Support.Cli.RunAsync(temp, "observations", Privacy, "--json")).Out).RootElement.EnumerateArray().ToList();
        Assert.Equal([true, true, false], observations.Select(o => o.GetProperty("imported").GetBoolean()));
        Assert.StartsWith("import:other-archive.warc#<urn:uuid:", observations[0].GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, observations[2].GetProperty("source").ValueKind);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var verify = await Support.Cli.RunAsync("verify", "--archive", temp.ArchiveDirectory);
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.Out);
        var zip = Path.Combine(temp.Directory, "evidence.zip");
        var evidence = await Support.Cli.RunAsync(temp, "evidence", Privacy, "--at", "2024-06-15", "--out", zip);
        Assert.True(evidence.ExitCode == 0, evidence.Error);

        // Importing the same file again adds nothing.
        var again = JsonDocument.Parse((await Support.Cli.RunAsync(temp, "import", warc, "--json")).Out).RootElement;
        Assert.Empty(again.GetProperty("rebuilt").EnumerateArray());
        Assert.Equal(0, again.GetProperty("observations").GetProperty(Privacy).GetInt32());
        Assert.Equal(3, (await temp.Archive.Catalog.GetObservationsAsync(Privacy)).Count);
        Assert.Equal(2, (await temp.Archive.Catalog.GetVersionsAsync(Privacy)).Count);
    }

    [Fact]
    public async Task An_imported_policy_page_with_cloudflare_passive_bot_detection_is_archived_and_a_challenge_is_blocked()
    {
        using var temp = await TempArchive.CreateAsync(FixtureSite.TargetsFor(chromium.Site.NewTenant(), Path.Combine("blocked", "targets.json")));
        const string policy = "steppetelecom/privacy-policy-ru", challenged = "steppetelecom/cookie-policy-ru";
        var at = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var warc = Path.Combine(temp.Directory, "other-archive.warc");
        await File.WriteAllBytesAsync(warc, [
            .. ForeignResponse(temp.Targets.Find(policy)!.Url.AbsoluteUri, at, File.ReadAllText(Path.Combine(FixtureSite.BlockedRoot, "privacy-cloudflare-ru.html"))),
            .. ForeignResponse(temp.Targets.Find(challenged)!.Url.AbsoluteUri, at, File.ReadAllText(Path.Combine(FixtureSite.Root, "v1", "challenge.html"))),
        ]);

        var result = await Support.Cli.RunAsync(temp, "import", warc, "--json");
        Assert.True(result.ExitCode == 0, result.Error);

        var imported = Assert.Single(await temp.Archive.Catalog.GetObservationsAsync(policy));
        Assert.Equal((Outcome.Ok, 1), (imported.Outcome, (await temp.Archive.Catalog.GetVersionsAsync(policy)).Count));
        Assert.StartsWith("imported (import:other-archive.warc#<urn:uuid:", imported.Detail);
        Assert.EndsWith("); page carries: Cloudflare bot-detection script (/cdn-cgi/challenge-platform/)", imported.Detail);

        var blocked = Assert.Single(await temp.Archive.Catalog.GetObservationsAsync(challenged));
        Assert.Equal(Outcome.Blocked, blocked.Outcome);
        Assert.StartsWith("Cloudflare challenge (window._cf_chl_opt) on a page with ", blocked.Detail);
        Assert.Empty(await temp.Archive.Catalog.GetVersionsAsync(challenged));
    }

    [Fact]
    public async Task Observations_show_the_versions_of_the_history_derived_again_not_those_recorded_before_it()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        tenant.Phase = "v2";
        Assert.Equal(0, (await Support.Cli.RunAsync(temp, "capture", "--loopback-only", "--only", Privacy)).ExitCode); // our v1, until the import

        // Another archive saw the older text in May and July 2024, and a 404 in June.
        var url = temp.Document("privacy-policy-ru").Url.AbsoluteUri;
        var page = File.ReadAllText(Path.Combine(FixtureSite.Root, "v1", "privacy-ru.html"));
        var warc = Path.Combine(temp.Directory, "other-archive.warc");
        await File.WriteAllBytesAsync(warc, [
            .. ForeignResponse(url, new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero), Noise.Fill(page, DateTimeOffset.UtcNow)),
            .. ForeignResponse(url, new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero), "<html>Not found</html>", "404 Not Found"),
            .. ForeignResponse(url, new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero), Noise.Fill(page, DateTimeOffset.UtcNow)),
        ]);
        var import = await Support.Cli.RunAsync(temp, "import", warc);
        Assert.True(import.ExitCode == 0, import.Error);

        var observations = JsonDocument.Parse((await Support.Cli.RunAsync(temp, "observations", Privacy, "--json")).Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["ok", "not-found", "ok", "ok"], observations.Select(o => o.GetProperty("outcome").GetString()));
        Assert.Equal([true, false, false, true], observations.Select(o => o.GetProperty("newVersion").GetBoolean()));
        Assert.Equal([1, (int?)null, 1, 2], observations.Select(o => o.GetProperty("version") is { ValueKind: JsonValueKind.Number } v ? v.GetInt32() : (int?)null));

        // The ledger still holds each observation as it was recorded.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var verify = await Support.Cli.RunAsync("verify", "--archive", temp.ArchiveDirectory);
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.Out);
    }

    [Fact]
    public async Task A_bad_manifest_line_is_reported_with_its_place()
    {
        var tenant = chromium.Site.NewTenant();
        using var temp = await TempArchive.CreateAsync(tenant);
        var manifest = Path.Combine(temp.Directory, "bad.jsonl");
        await File.WriteAllTextAsync(manifest, "{\"file\": \"missing.pdf\", \"document\": \"testbank/privacy-policy-ru\", \"capturedAt\": \"2024-06-01\"}\nnot json\n");
        var result = await Support.Cli.RunAsync(temp, "import", "--manifest", manifest);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("bad.jsonl:1: $.file \"missing.pdf\" not found", result.Error, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:2: not JSON", result.Error, StringComparison.Ordinal);
    }
}
