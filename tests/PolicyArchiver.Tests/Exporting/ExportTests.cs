using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyArchiver.Exporting;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Exporting;

/// <summary>
/// The researchers' dataset: every observation of a window, failures included, as a ZIP with a
/// manifest and the archived files, from the CLI and from the web — checked against the catalog
/// of the fixture archive (two real capture rounds), never against hard-coded numbers.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public class ExportTests(WebArchiveFixture web)
{
    private const string Privacy = "testbank/privacy-policy-ru";

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static (string, string, string, string, string, string) Key(Dictionary<string, string> row) =>
        (row["company"], row["document"], row["capturedAt"], row["outcome"], row["snapshotSha256"], row["version"]);

    private static (string, string, string, string, string, string) Key(Observation o) =>
        (o.Document.Split('/')[0], o.Document.Split('/')[1], Instant.Format(o.At), o.Outcome.ToWire(), o.SnapshotSha256 ?? "", o.Version?.ToString(CultureInfo.InvariantCulture) ?? "");

    [Fact]
    public async Task The_manifest_has_one_row_per_observation_of_the_window_failures_included()
    {
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        var run = await ExportRun.RunAsync(web, ".zip", "--from", from, "--to", to);
        Assert.True(run.Result.ExitCode == 0, run.Result.Error);

        using var zip = ZipFile.OpenRead(run.File);
        var rows = ExportRun.Manifest(zip);
        var observations = await ExportRun.ObservationsAsync(web);
        Assert.Equal(observations.Select(Key).Order(), rows.Select(Key).Order());
        Assert.Contains(rows, r => r["outcome"] != Outcome.Ok.ToWire());
        Assert.All(rows.Where(r => r["outcome"] != Outcome.Ok.ToWire()), r => Assert.Equal(("", "", ""), (r["snapshotFile"], r["textFile"], r["screenshotFile"])));
        Assert.Equal(ManifestRow.Columns.Take(10), ["company", "document", "type", "language", "url", "capturedAt", "outcome", "snapshotSha256", "textSha256", "version"]);
        Assert.StartsWith("company,document,type,language,url,capturedAt,outcome,snapshotSha256,textSha256,version,", Encoding.UTF8.GetString(ExportRun.Entry(zip, "manifest.csv")));

        var privacy = web.Temp.Targets.Find(Privacy)!;
        var row = rows.First(r => $"{r["company"]}/{r["document"]}" == Privacy);
        Assert.Equal((privacy.Type, privacy.Language, privacy.Url.AbsoluteUri), (row["type"], row["language"], row["url"]));
        // RFC 3339 in UTC to the millisecond at most, as everywhere; the fixture's captures have a fraction.
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$", r["capturedAt"]));
        Assert.Contains(rows, r => r["capturedAt"].Contains('.'));

        var jsonl = Encoding.UTF8.GetString(ExportRun.Entry(zip, "manifest.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<Dictionary<string, string>>(line)!).ToList();
        Assert.Equal(rows.Select(r => string.Join('|', r.Select(p => $"{p.Key}={p.Value}"))), jsonl.Select(r => string.Join('|', r.Select(p => $"{p.Key}={p.Value}"))));
    }

    [Fact]
    public async Task Files_in_the_zip_are_the_archived_bytes_named_by_capture_instant()
    {
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        var run = await ExportRun.RunAsync(web, ".zip", "--from", from, "--to", to);
        Assert.True(run.Result.ExitCode == 0, run.Result.Error);

        using var zip = ZipFile.OpenRead(run.File);
        var rows = ExportRun.Manifest(zip);
        var catalog = web.Temp.Archive.Catalog;
        var ok = rows.Where(r => r["outcome"] == Outcome.Ok.ToWire()).ToList();
        Assert.NotEmpty(ok);
        foreach (var row in ok)
        {
            var id = long.Parse(row["observationId"], CultureInfo.InvariantCulture);
            var snapshot = (await catalog.GetSnapshotAsync(id))!;
            var version = (await catalog.GetVersionAsync($"{row["company"]}/{row["document"]}", int.Parse(row["version"], CultureInfo.InvariantCulture)))!;
            Assert.Equal(row["snapshotSha256"], Sha256(ExportRun.Entry(zip, row["snapshotFile"])));
            Assert.Equal(snapshot.BodySha256, row["snapshotSha256"]);
            Assert.Equal(row["textSha256"], Sha256(ExportRun.Entry(zip, row["textFile"])));
            Assert.Equal(version.TextSha256, row["textSha256"]);
            if (snapshot.ScreenshotSha256 is { } shot) Assert.Equal(shot, Sha256(ExportRun.Entry(zip, row["screenshotFile"])));
            var stem = $"{row["company"]}/{row["document"]}/{row["capturedAt"][..19].Replace(':', '-')}Z"; // files are named to the second
            Assert.StartsWith(stem, row["snapshotFile"]);
            Assert.Equal(stem + ".txt", row["textFile"].Replace(stem + "-2", stem)); // a second capture in the same second takes a suffix
        }
        Assert.Contains(ok, r => r["snapshotFile"].EndsWith(".pdf", StringComparison.Ordinal));
        // PNG screenshots (the fixture's first round) keep their name; a PDF print never takes a PDF document's own stem.pdf.
        Assert.Contains(ok, r => r["snapshotFile"].EndsWith(".html", StringComparison.Ordinal) && r["screenshotFile"] == r["snapshotFile"][..^".html".Length] + ".png");
        Assert.Contains(ok, r => r["snapshotFile"].EndsWith(".html", StringComparison.Ordinal) && r["screenshotFile"] == r["snapshotFile"][..^".html".Length] + ".screenshot.pdf");
        Assert.All(ok.Where(r => r["screenshotFile"].EndsWith(".pdf", StringComparison.Ordinal)), r => Assert.Equal("%PDF-"u8.ToArray(), ExportRun.Entry(zip, r["screenshotFile"])[..5]));
        var files = rows.SelectMany(r => new[] { r["snapshotFile"], r["textFile"], r["screenshotFile"] }).Where(f => f.Length > 0).ToList();
        Assert.Equal(files.Count, files.Distinct().Count());
        Assert.Equal(rows.Count, rows.Select(r => r["snapshotFile"]).Where(f => f.Length > 0).Distinct().Count() + rows.Count(r => r["snapshotFile"].Length == 0));
    }

    [Fact]
    public async Task Only_keeps_one_company_or_one_document()
    {
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        var one = await ExportRun.RunAsync(web, ".zip", "--from", from, "--to", to, "--only", Privacy);
        var company = await ExportRun.RunAsync(web, ".zip", "--from", from, "--to", to, "--only", WebArchiveFixture.Company);
        Assert.True(one.Result.ExitCode == 0, one.Result.Error);
        Assert.True(company.Result.ExitCode == 0, company.Result.Error);

        using var oneZip = ZipFile.OpenRead(one.File);
        using var companyZip = ZipFile.OpenRead(company.File);
        var expected = await web.Temp.Archive.Catalog.GetObservationsAsync(Privacy);
        Assert.Equal(expected.Select(Key).Order(), ExportRun.Manifest(oneZip).Select(Key).Order());
        Assert.All(oneZip.Entries.Where(e => e.FullName.Contains('/')), e => Assert.StartsWith(Privacy + "/", e.FullName));
        Assert.Equal((await ExportRun.ObservationsAsync(web)).Count, ExportRun.Manifest(companyZip).Count);
    }

    [Fact]
    public async Task A_window_that_starts_after_the_first_round_leaves_the_first_round_out()
    {
        var observations = await ExportRun.ObservationsAsync(web);
        var firstRound = observations.GroupBy(o => o.Document).Select(g => g.OrderBy(o => o.At).First()).ToList();
        var from = firstRound.Max(o => o.At).AddTicks(1);
        var to = observations.Max(o => o.At).AddHours(1);
        var run = await ExportRun.RunAsync(web, ".zip", "--from", from.ToString("o", CultureInfo.InvariantCulture), "--to", to.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        Assert.True(run.Result.ExitCode == 0, run.Result.Error);

        using var zip = ZipFile.OpenRead(run.File);
        var rows = ExportRun.Manifest(zip);
        var later = observations.Where(o => o.At >= from).ToList();
        Assert.NotEmpty(later);
        Assert.Equal(later.Select(Key).Order(), rows.Select(Key).Order());
        Assert.DoesNotContain(rows, r => firstRound.Any(o => r["observationId"] == o.Id.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Csv_quoting_lets_a_company_name_with_commas_and_quotes_round_trip()
    {
        const string name = "ТОО \"Тестовый Банк\", Алматы";
        var targets = JsonNode.Parse(await File.ReadAllTextAsync(web.Temp.TargetsFile))!;
        targets["companies"]![0]!["name"] = name;
        var targetsFile = Path.Combine(Path.GetDirectoryName(ExportRun.NewPath(".json"))!, "targets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(targetsFile)!);
        await File.WriteAllTextAsync(targetsFile, targets.ToJsonString());
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        var file = ExportRun.NewPath(".zip");

        var result = await Support.Cli.RunAsync("export", "--from", from, "--to", to, "--out", file, "--archive", web.Temp.ArchiveDirectory, "--targets", targetsFile);
        Assert.True(result.ExitCode == 0, result.Error);

        using var zip = ZipFile.OpenRead(file);
        var csv = Encoding.UTF8.GetString(ExportRun.Entry(zip, "manifest.csv"));
        Assert.Contains("\"ТОО \"\"Тестовый Банк\"\", Алматы\"", csv);
        var rows = ExportRun.Manifest(zip);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(name, r["companyName"]));
        Assert.All(rows, r => Assert.Equal(WebArchiveFixture.Company, r["company"]));
    }

    [Theory]
    [InlineData("--from", "2024-05-01", "--to", "2024-13-45")]
    [InlineData("--from", "yesterday", "--to", "2024-07-31")]
    [InlineData("--from", "2024-08-01", "--to", "2024-07-31")]
    [InlineData("--only", "nobank", "--from", "2024-05-01", "--to", "2024-07-31")]
    [InlineData("--only", "testbank/no-such-document", "--from", "2024-05-01", "--to", "2024-07-31")]
    [InlineData("--format", "tar", "--from", "2024-05-01", "--to", "2024-07-31")]
    [InlineData("--to", "2024-07-31")]
    public async Task Bad_input_exits_2_naming_the_option_and_writes_nothing(string option, string value, params string[] rest)
    {
        var run = await ExportRun.RunAsync(web, ".zip", [option, value, .. rest]);

        Assert.Equal(2, run.Result.ExitCode);
        var named = option == "--to" && rest.Length == 0 ? "--from" : option == "--from" && value == "2024-05-01" ? "--to" : option;
        Assert.Contains(named, run.Result.Error);
        Assert.False(Directory.Exists(Path.GetDirectoryName(run.File)) && Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(run.File)!).Any());
    }

    [Fact]
    public async Task An_empty_window_writes_a_valid_export_with_a_header_only_manifest_and_says_so()
    {
        var run = await ExportRun.RunAsync(web, ".zip", "--from", "2001-01-01", "--to", "2001-01-31", "--json");

        Assert.True(run.Result.ExitCode == 0, run.Result.Error);
        Assert.Contains("no observations", run.Result.Error);
        using var zip = ZipFile.OpenRead(run.File);
        Assert.Equal(string.Join(',', ManifestRow.Columns) + "\r\n", Encoding.UTF8.GetString(ExportRun.Entry(zip, "manifest.csv")));
        Assert.Empty(ExportRun.Entry(zip, "manifest.jsonl"));
        Assert.Equal(0, JsonDocument.Parse(run.Result.Out).RootElement.GetProperty("observations").GetInt32());
    }

    [Fact]
    public async Task Json_summary_tells_the_file_format_counts_and_size_and_progress_goes_to_stderr()
    {
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        var run = await ExportRun.RunAsync(web, ".zip", "--from", from, "--to", to, "--json");
        Assert.True(run.Result.ExitCode == 0, run.Result.Error);

        var summary = JsonDocument.Parse(run.Result.Out).RootElement;
        var observations = await ExportRun.ObservationsAsync(web);
        Assert.Equal(run.File, summary.GetProperty("file").GetString());
        Assert.Equal("zip", summary.GetProperty("format").GetString());
        Assert.Equal(observations.Count, summary.GetProperty("observations").GetInt32());
        Assert.Equal(observations.Count(o => o.SnapshotSha256 is not null), summary.GetProperty("snapshots").GetInt32());
        Assert.Equal(new FileInfo(run.File).Length, summary.GetProperty("bytes").GetInt64());
        Assert.Contains($"{observations.Count}/{observations.Count} captures", run.Result.Error);
        Assert.Equal([Path.GetFileName(run.File)], Directory.EnumerateFiles(Path.GetDirectoryName(run.File)!).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public async Task The_web_download_is_the_same_export_as_the_cli()
    {
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        var cli = await ExportRun.RunAsync(web, ".zip", "--from", from, "--to", to, "--only", WebArchiveFixture.Company);
        Assert.True(cli.Result.ExitCode == 0, cli.Result.Error);

        using var response = await web.Http.GetAsync($"export?from={from}&to={to}&only={WebArchiveFixture.Company}&format=zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"policyarchiver-{from}-{to}-testbank.zip", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var downloaded = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var written = ZipFile.OpenRead(cli.File);
        Assert.Equal(ExportRun.Entry(written, "manifest.csv"), ExportRun.Entry(downloaded, "manifest.csv"));
        Assert.Equal(ExportRun.Entry(written, "manifest.jsonl"), ExportRun.Entry(downloaded, "manifest.jsonl"));
        Assert.Equal(written.Entries.Select(e => (e.FullName, e.Length)).Order(), downloaded.Entries.Select(e => (e.FullName, e.Length)).Order());
    }

    [Fact]
    public async Task The_web_offers_a_form_and_refuses_bad_dates_and_unknown_documents()
    {
        using var form = await web.Http.GetAsync("export");
        var html = await form.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("<form method=\"get\" action=\"/export\">", html);
        foreach (var field in new[] { "name=\"from\"", "name=\"to\"", "name=\"only\"", "name=\"format\" value=\"zip\"", "name=\"format\" value=\"wacz\"", $"value=\"{Privacy}\"" })
            Assert.Contains(field, html);

        using var badDate = await web.Http.GetAsync("export?from=2024-02-30&to=2024-07-31");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal("text/html", badDate.Content.Headers.ContentType?.MediaType);
        Assert.Contains("from &quot;2024-02-30&quot;", await badDate.Content.ReadAsStringAsync());

        using var missing = await web.Http.GetAsync("export?only=testbank");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        using var reversed = await web.Http.GetAsync("export?from=2024-08-01&to=2024-07-31");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);

        foreach (var only in new[] { "nobank", "testbank/nothing", "../../etc/passwd", "testbank/../../catalog.db" })
        {
            using var unknown = await web.Http.GetAsync($"export?from=2024-05-01&to=2024-07-31&only={Uri.EscapeDataString(only)}");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
    }

    [Fact]
    public void A_date_only_end_covers_that_whole_day_an_instant_its_millisecond_and_offsets_are_honoured()
    {
        Assert.True(ExportWindow.TryParse("2024-05-01", "2024-07-31", out var window, out _));
        Assert.True(window.Contains(new DateTimeOffset(2024, 7, 31, 23, 59, 59, 999, TimeSpan.Zero)));
        Assert.False(window.Contains(new DateTimeOffset(2024, 8, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(window.Contains(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(window.Contains(new DateTimeOffset(2024, 4, 30, 23, 59, 59, TimeSpan.Zero)));

        Assert.True(ExportWindow.TryParse("2024-05-01T10:00:00+05:00", "2024-05-01T12:00:00Z", out var instants, out _));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 5, 0, 0, TimeSpan.Zero), instants.From);
        // An instant as the end covers its millisecond, as instants are shown: to the millisecond.
        Assert.True(instants.Contains(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(9_999)));
        Assert.False(instants.Contains(new DateTimeOffset(2024, 5, 1, 12, 0, 0, 1, TimeSpan.Zero)));
    }

    [Fact]
    public void Captures_in_the_same_second_get_distinct_file_names()
    {
        var taken = new HashSet<string>();
        var at = new DateTimeOffset(2024, 5, 3, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(["2024-05-03T10-00-00Z", "2024-05-03T10-00-00Z-2", "2024-05-03T10-00-00Z-3"],
            new[] { at, at.AddMilliseconds(300), at.AddMilliseconds(600) }.Select(t => CaptureFiles.Stem(t, taken)));
        Assert.Equal("_", CaptureFiles.Segment(".."));
        Assert.Equal("a_b", CaptureFiles.Segment("a/b"));
    }
}
