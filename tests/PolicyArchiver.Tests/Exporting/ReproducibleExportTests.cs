using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PolicyArchiver.Exporting;
using PolicyArchiver.Exporting.Formats;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Pages;
using PolicyArchiver.Web.Site;

namespace PolicyArchiver.Tests.Exporting;

/// <summary>
/// An export is a function of the archive and the options: exported twice, whatever the clock says
/// in between, every format gives the same bytes, so a researcher can cite an export by its hash
/// and anyone can make it again. Its own files are dated by its newest capture, never by "now".
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public partial class ReproducibleExportTests(WebArchiveFixture web)
{
    public static readonly TheoryData<string> Formats = new(ExportFormats.All.Select(f => f.Name));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<ExportPlan> WholePlanAsync(string? only = null)
    {
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        Assert.True(ExportWindow.TryParse(from, to, out var window, out var error), error);
        var catalog = web.Temp.Archive.Catalog;
        var documents = ExportDocument.Select(ExportDocument.From(web.Temp.Targets, await catalog.GetDocumentsAsync()), only);
        return await ExportPlan.BuildAsync(catalog, web.Temp.Archive.Blobs, documents, window, CancellationToken.None);
    }

    private async Task<byte[]> ExportAsync(ExportPlan plan, string format)
    {
        using var output = new MemoryStream();
        await new Exporter(web.Temp.Archive).WriteAsync(plan, ExportFormats.Parse(format)!, output, progress: null, CancellationToken.None);
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task The_same_archive_and_options_export_to_the_same_bytes(string format)
    {
        var first = await ExportAsync(await WholePlanAsync(), format);
        var second = await ExportAsync(await WholePlanAsync(), format);
        Assert.NotEmpty(first);
        Assert.Equal(Sha256(first), Sha256(second));

        // Other options, another export: the equality above is not that of a constant output.
        var one = await ExportAsync(await WholePlanAsync(WebArchiveFixture.Changed[0]), format);
        Assert.NotEqual(Sha256(first), Sha256(one));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task The_cli_writes_the_same_file_twice(string format)
    {
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        var extension = ExportFormats.Parse(format)!.Extension;
        var first = await ExportRun.RunAsync(web, extension, "--from", from, "--to", to, "--format", format);
        var second = await ExportRun.RunAsync(web, extension, "--from", from, "--to", to, "--format", format);
        Assert.True(first.Result.ExitCode == 0, first.Result.Error);
        Assert.True(second.Result.ExitCode == 0, second.Result.Error);
        Assert.Equal(Sha256(await File.ReadAllBytesAsync(first.File)), Sha256(await File.ReadAllBytesAsync(second.File)));
    }

    [Fact]
    public async Task The_zip_manifests_are_dated_by_the_newest_capture_and_each_file_by_its_own()
    {
        var plan = await WholePlanAsync();
        var newest = plan.Captures.Max(c => c.Observation.At);
        using var zip = new ZipArchive(new MemoryStream(await ExportAsync(plan, "zip")));
        Assert.Equal(ZipTime(newest), zip.GetEntry("manifest.csv")!.LastWriteTime.DateTime);
        Assert.Equal(ZipTime(newest), zip.GetEntry("manifest.jsonl")!.LastWriteTime.DateTime);
        foreach (var capture in plan.Captures.Where(c => c.Snapshot is not null))
            Assert.Equal(ZipTime(capture.Observation.At), zip.GetEntry(capture.SnapshotFile)!.LastWriteTime.DateTime);
    }

    [Fact]
    public async Task The_wacz_package_is_created_as_of_its_newest_capture()
    {
        var plan = await WholePlanAsync();
        var newest = plan.Captures.Max(c => c.Observation.At);
        using var zip = new ZipArchive(new MemoryStream(await ExportAsync(plan, "wacz")));
        using var manifest = JsonDocument.Parse(ExportRun.Entry(zip, "datapackage.json"));
        Assert.Equal(Instant.Format(newest), manifest.RootElement.GetProperty("created").GetString());
        Assert.All(zip.Entries, e => Assert.Equal(ZipTime(newest), e.LastWriteTime.DateTime));
    }

    [Fact]
    public async Task An_export_without_captures_is_dated_by_the_end_of_its_window()
    {
        Assert.True(ExportWindow.TryParse("2001-02-03", "2001-02-04", out var window, out var error), error);
        var plan = await ExportPlan.BuildAsync(web.Temp.Archive.Catalog, web.Temp.Archive.Blobs, ExportDocument.From(web.Temp.Targets, []), window, CancellationToken.None);
        Assert.Empty(plan.Captures);
        using var zip = new ZipArchive(new MemoryStream(await ExportAsync(plan, "zip")));
        Assert.Equal(ZipTime(window.To), zip.GetEntry("manifest.csv")!.LastWriteTime.DateTime);
    }

    /// <summary>
    /// The web export runs on a host whose clock is a <see cref="FakeTimeProvider"/>: the form's
    /// default window follows that clock, the downloads do not.
    /// </summary>
    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Moving_the_clock_between_two_web_downloads_changes_the_form_but_not_the_download(string format)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 3, 14, 9, 26, 53, TimeSpan.Zero));
        await using var app = await StartSiteAsync(clock);
        using var http = new HttpClient { BaseAddress = new Uri(ArchiveSite.Addresses(app)[0].TrimEnd('/') + "/") };
        var (from, to) = await ExportRun.WholeWindowAsync(web);
        var query = $"export?from={from}&to={to}&format={format}";

        Assert.Equal("2031-03-14", DefaultTo(await http.GetStringAsync("export")));
        var first = await DownloadAsync(http, query);
        clock.Advance(TimeSpan.FromDays(400) + TimeSpan.FromSeconds(7));
        Assert.Equal("2032-04-17", DefaultTo(await http.GetStringAsync("export")));
        var second = await DownloadAsync(http, query);

        Assert.Equal(Sha256(first), Sha256(second));
        var cli = await ExportRun.RunAsync(web, ExportFormats.Parse(format)!.Extension, "--from", from, "--to", to, "--format", format);
        Assert.True(cli.Result.ExitCode == 0, cli.Result.Error);
        Assert.Equal(Sha256(await File.ReadAllBytesAsync(cli.File)), Sha256(first)); // the web's export is the CLI's, byte for byte
    }

    /// <summary>The export endpoint on its own host over the fixture's archive, with the given clock.</summary>
    private async Task<WebApplication> StartSiteAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = web.Temp.Directory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(clock);
        builder.AddArchiveSite(new ArchiveReader(web.Temp.Archive, () => web.Temp.Targets), "http://127.0.0.1:0");
        var app = builder.Build();
        app.UseRouting();
        ExportEndpoints.Map(app);
        await app.StartAsync();
        return app;
    }

    private static async Task<byte[]> DownloadAsync(HttpClient http, string query)
    {
        using var response = await http.GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string DefaultTo(string form) => ToField().Match(form) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no to field in the form");

    [GeneratedRegex("name=\"to\" required value=\"([^\"]*)\"")]
    private static partial Regex ToField();

    /// <summary>What a ZIP entry keeps of an instant: its clock time to two seconds (MS-DOS dates).</summary>
    private static DateTime ZipTime(DateTimeOffset at)
    {
        var t = at.DateTime;
        return new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second / 2 * 2);
    }
}
