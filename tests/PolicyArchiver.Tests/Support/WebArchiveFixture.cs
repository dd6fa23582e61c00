using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Ledger;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Site;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Support;

[CollectionDefinition(WebArchiveFixture.Collection)]
public sealed class WebArchiveCollection : ICollectionFixture<WebArchiveFixture>;

/// <summary>
/// A real archive built from the fixture site (a first round on v1 with PNG screenshots, a second
/// after the edits of v2 with PDF ones, a signed checkpoint), served by the real web application on a free loopback port.
/// Shared by every web test class: building it takes two capture rounds.
/// </summary>
public sealed class WebArchiveFixture : IAsyncLifetime
{
    public const string Collection = "web archive";

    public FixtureSite Site { get; private set; } = null!;
    public FixtureSite.Tenant Tenant { get; private set; } = null!;
    internal ChromiumBrowser Browser { get; private set; } = null!;
    public TempArchive Temp { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;

    /// <summary>Where the site listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>A client that does not follow redirects, so TimeGate answers can be read as they are.</summary>
    public HttpClient Http { get; private set; } = null!;

    public const string Company = "testbank";

    /// <summary>Documents the v2 edits change (among others): each has versions 1 and 2 and one change.</summary>
    public static readonly string[] Changed = ["testbank/privacy-policy-ru", "testbank/public-offer-ru", "testbank/personal-data-policy-kk"];

    public async Task InitializeAsync()
    {
        Site = await FixtureSite.StartAsync();
        Browser = new ChromiumBrowser(ChromiumFixture.Options());
        Tenant = Site.NewTenant();
        Temp = await TempArchive.CreateAsync(Tenant);
        var documents = Temp.Targets.Documents.ToList();
        // The first round as an archive made before PDF screenshots holds it (PNGs), the second with
        // the default PDF print: the site serves both, as an archive kept across the change does.
        var png = ChromiumFixture.Options();
        png.ScreenshotFormat = ScreenshotFormat.Png;
        await Temp.Archivist(Browser, png).CaptureRoundAsync(documents, CancellationToken.None);
        Tenant.Phase = "v2";
        await Temp.Archivist(Browser).CaptureRoundAsync(documents, CancellationToken.None);
        await new Checkpointer(Temp.Archive.Catalog, Temp.Archive.Key, TimeProvider.System).CheckpointAsync(LedgerStart.Empty, CancellationToken.None);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Temp.Directory });
        builder.Logging.ClearProviders();
        builder.AddArchiveSite(new ArchiveReader(Temp.Archive, () => Temp.Targets), "http://127.0.0.1:0");
        App = builder.Build();
        App.MapArchiveSite();
        await App.StartAsync();
        // The site builds its search index in the background and a search waits for it only briefly:
        // the search tests read a complete index, however slow the machine.
        Assert.Null(await App.Services.GetRequiredService<SearchIndexUpkeep>().WaitAsync(CancellationToken.None, TimeSpan.FromMinutes(5)));
        BaseUrl = new Uri(ArchiveSite.Addresses(App)[0].TrimEnd('/') + "/");
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
    }

    /// <summary>Where browser tests leave their screenshots, for CI's output.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var directory = Environment.GetEnvironmentVariable("POLICYARCHIVER_TEST_SCREENSHOTS") is { Length: > 0 } env
                ? env
                : Path.Combine(Repository.Root, ".ci", ".state", "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Temp.Dispose();
        await Browser.DisposeAsync();
        await Site.DisposeAsync();
    }
}
