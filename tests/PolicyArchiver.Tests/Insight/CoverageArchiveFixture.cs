using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PolicyArchiver.Capture;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Web;
using PolicyArchiver.Web.Site;
using PolicyArchiver.Pipeline;

namespace PolicyArchiver.Tests.Insight;

[CollectionDefinition(CoverageArchiveFixture.Collection)]
public sealed class CoverageArchiveCollection : ICollectionFixture<CoverageArchiveFixture>;

/// <summary>
/// The coverage fixture site (two companies, see Fixtures/coverage/README.md) captured once with a
/// real Chromium, every declared document but one that stays never attempted, and served by the
/// real web application.
/// </summary>
public sealed class CoverageArchiveFixture : IAsyncLifetime
{
    public const string Collection = "coverage archive";

    /// <summary>Declared in targets.json, never captured: coverage must say so, not call it unreachable.</summary>
    public const string NeverCaptured = "steppetelecom/cookie-policy-kk";

    public CoverageSite Site { get; private set; } = null!;
    internal ChromiumBrowser Browser { get; private set; } = null!;
    public TempArchive Temp { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await CoverageSite.StartAsync();
        Browser = new ChromiumBrowser(ChromiumFixture.Options());
        Temp = await TempArchive.CreateAsync(Site.Targets());
        var documents = Temp.Targets.Documents.Where(d => d.Key != NeverCaptured).ToList();
        await Temp.Archivist(Browser).CaptureRoundAsync(documents, CancellationToken.None);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Temp.Directory });
        builder.Logging.ClearProviders();
        builder.AddArchiveSite(new ArchiveReader(Temp.Archive, () => Temp.Targets), "http://127.0.0.1:0");
        App = builder.Build();
        App.MapArchiveSite();
        await App.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(ArchiveSite.Addresses(App)[0].TrimEnd('/') + "/") };
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
