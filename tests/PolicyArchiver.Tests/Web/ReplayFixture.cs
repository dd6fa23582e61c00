using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Tests.Exporting;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Site;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// The replay site's four pages captured once in real Chromium with PNG screenshots (the pixels the
/// replays are compared with), served by the real web application, and exported as a WACZ; on the
/// storage the test run is configured with.
/// </summary>
public sealed class ReplayFixture : IAsyncLifetime
{
    public const string Company = "fixturebank";

    /// <summary>Document id → the site's page it is.</summary>
    public static readonly IReadOnlyDictionary<string, string> Documents = new Dictionary<string, string>
    {
        ["privacy-policy-ru"] = "index.html",
        ["terms-of-service-ru"] = "terms.html",
        ["cookie-policy-ru"] = "cookies.html",
        ["public-offer-ru"] = "scripted.html",
    };

    public ReplaySite Site { get; private set; } = null!;
    public TempArchive Temp { get; private set; } = null!;
    public SiteBrowser Browser { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The WACZ of the day of the captures.</summary>
    public string Wacz { get; private set; } = null!;

    /// <summary>A document's capture: its observation, final URL, 14-digit datetime of its final response, and its PNG screenshot.</summary>
    public sealed record Captured(string Document, long Observation, string Url, string Datetime, byte[] Screenshot);

    public IReadOnlyDictionary<string, Captured> Captures { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await ReplaySite.StartAsync();
        var documents = string.Join(",\n", Documents.Select(d =>
            $$"""{ "id": "{{d.Key}}", "type": "{{d.Key[..^3]}}", "language": "ru", "url": "{{Site.Page(d.Value)}}" }"""));
        Temp = await TempArchive.CreateAsync($$"""
            { "companies": [ { "id": "{{Company}}", "name": "Fixture Bank", "sector": "banking", "homepage": "{{Site.BaseUrl}}", "documents": [ {{documents}} ] } ] }
            """, testStorage: true);
        var options = ChromiumFixture.Options();
        options.ScreenshotFormat = ScreenshotFormat.Png;
        await using (var chromium = new ChromiumBrowser(options))
            await Temp.Archivist(chromium, options).CaptureRoundAsync(Temp.Targets.Documents.ToList(), CancellationToken.None);

        var captures = new Dictionary<string, Captured>();
        foreach (var id in Documents.Keys)
        {
            var key = $"{Company}/{id}";
            var observation = Assert.Single(await Temp.Archive.Catalog.GetObservationsAsync(key));
            Assert.True(observation.Outcome == Outcome.Ok, $"{key}: {observation.Outcome} {observation.Detail}");
            var snapshot = (await Temp.Archive.Catalog.GetSnapshotAsync(observation.Id))!;
            var response = (await Temp.Archive.Catalog.GetWarcRecordsAsync(observation.Id))
                .Last(r => r.Type is "response" or "revisit" && r.TargetUri == snapshot.FinalUrl);
            var datetime = response.Date.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var screenshot = await Temp.Archive.Blobs.GetAsync(snapshot.ScreenshotSha256 ?? throw new InvalidOperationException($"{key} has no screenshot"));
            captures[id] = new Captured(key, observation.Id, snapshot.FinalUrl, datetime, screenshot);
            await File.WriteAllBytesAsync(Path.Combine(WebArchiveFixture.ScreenshotDirectory, $"replay-capture-{id}.png"), screenshot);
        }
        Captures = captures;

        Wacz = ExportRun.NewPath(".wacz");
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var export = await Support.Cli.RunAsync(Temp, "export", "--format", "wacz", "--from", day, "--to", day, "--out", Wacz);
        Assert.True(export.ExitCode == 0, export.Error);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Temp.Directory });
        builder.Logging.ClearProviders();
        builder.AddArchiveSite(new ArchiveReader(Temp.Archive, () => Temp.Targets), "http://127.0.0.1:0");
        App = builder.Build();
        App.MapArchiveSite();
        await App.StartAsync();
        BaseUrl = new Uri(ArchiveSite.Addresses(App)[0].TrimEnd('/') + "/");
        Browser = await SiteBrowser.LaunchAsync();
    }

    /// <summary>The PNG's height in pixels, from its IHDR chunk.</summary>
    public static int HeightOf(byte[] png) => (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.StopAsync();
        await App.DisposeAsync();
        await Site.DisposeAsync();
        Temp.Dispose();
    }
}
