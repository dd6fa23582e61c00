using Microsoft.Playwright;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// An auditor views a capture as it looked, in a real Chromium with JavaScript on: the replay page's
/// banner, the archived single-page app built by its own script inside the frame, every request the
/// frame makes answered from the archive (the browser's network log shows nothing else), and the
/// archived scripts shut out of the archive's own origin.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class ReplayBrowserTests(WebArchiveFixture web) : IAsyncLifetime
{
    private const string Document = "testbank/public-offer-ru";
    private const string BuiltByScript = "Оферта адресована физическим лицам";

    private SiteBrowser _site = null!;
    private IBrowserContext _context = null!;
    private readonly List<IRequest> _requests = [];
    private readonly List<string> _outside = [];

    private string Origin => web.BaseUrl.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        _site = await SiteBrowser.LaunchAsync();
        _context = await _site.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        _context.Request += (_, request) =>
        {
            lock (_requests) _requests.Add(request);
        };
        // Anything not addressed to the archive is recorded and never leaves the browser.
        await _context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(Origin + "/", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }
            lock (_outside) _outside.Add(route.Request.Url);
            await route.AbortAsync();
        });
        await _context.AddCookiesAsync([new Cookie { Name = "archive_session", Value = "secret-of-the-archive", Url = Origin }]);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _site.DisposeAsync();
    }

    private async Task<Observation> FirstCaptureAsync() =>
        (await web.Temp.Archive.Catalog.GetObservationsAsync(Document)).Where(o => o.Outcome == Outcome.Ok).OrderBy(o => o.At).First();

    [Fact]
    public async Task Auditor_sees_the_capture_replayed_under_its_banner_with_nothing_loaded_from_outside_the_archive()
    {
        var observation = await FirstCaptureAsync();
        var snapshotPath = $"/companies/testbank/public-offer-ru/snapshots/{observation.Id}";
        var page = await _context.NewPageAsync();
        await page.GotoAsync(Origin + snapshotPath + "/replay");

        var banner = page.Locator("section.replay-banner");
        Assert.Contains(Document, await banner.InnerTextAsync());
        Assert.Equal(snapshotPath, await banner.Locator("a.observation").GetAttributeAsync("href"));
        Assert.Equal($"#{observation.Id}", await banner.Locator("a.observation").InnerTextAsync());
        Assert.StartsWith("/companies/testbank/public-offer-ru/evidence?at=", await banner.Locator("a.evidence").GetAttributeAsync("href"));
        Assert.Equal(Model.Instant.Format(observation.At)[..16], (await banner.Locator("dd time").GetAttributeAsync("datetime"))![..16]);
        var memento = await banner.Locator("a.memento").GetAttributeAsync("href");
        Assert.StartsWith($"/memento/{PolicyArchiver.Web.Memento.MementoDatetime.Fourteen(observation.At)}/http", memento);
        using (var exact = await web.Http.GetAsync(memento))
            Assert.Equal(System.Net.HttpStatusCode.OK, exact.StatusCode); // the memento itself, not a redirect to the nearest

        var frame = page.FrameLocator("iframe.replay");
        Assert.Contains(BuiltByScript, await frame.Locator("article.offer-document").InnerTextAsync());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await SiteBrowser.ScreenshotAsync(page, "replay-1-banner");

        Assert.Empty(_outside);
        List<IRequest> fromFrame;
        lock (_requests) fromFrame = _requests.Where(r => r.Frame != page.MainFrame).ToList();
        Assert.NotEmpty(fromFrame);
        Assert.All(fromFrame, r => Assert.StartsWith(Origin + "/replay/", r.Url));
        // An address the server rewrote is not rewritten again by the shim as the parser inserts it.
        Assert.All(fromFrame, r => Assert.Single(r.Url.Split("/replay/").Skip(1)));
        // The page's stylesheet was asked of the archive (which lacks it: the capture kept only the page).
        Assert.Contains(fromFrame, r => r.Url.EndsWith("/static/css/site.css", StringComparison.Ordinal));

        // The archived scripts run in an opaque origin: the archive's cookie and storage are not theirs.
        await page.EvaluateAsync("() => localStorage.setItem('archive-secret', 'kept-by-the-archive')");
        var replayed = page.Frames.Single(f => f != page.MainFrame);
        Assert.Equal("null", await replayed.EvaluateAsync<string>("() => self.origin"));
        Assert.DoesNotContain("secret-of-the-archive", await replayed.EvaluateAsync<string>("() => { try { return String(document.cookie); } catch (e) { return 'threw'; } }"));
        Assert.NotEqual("kept-by-the-archive", await replayed.EvaluateAsync<string?>("() => { try { return localStorage.getItem('archive-secret'); } catch (e) { return 'threw'; } }"));
    }

    [Fact]
    public async Task Addresses_the_replayed_scripts_make_up_are_replayed_too_and_beacons_and_sockets_go_nowhere()
    {
        var observation = await FirstCaptureAsync();
        var page = await _context.NewPageAsync();
        await page.GotoAsync($"{Origin}/companies/testbank/public-offer-ru/snapshots/{observation.Id}/replay");
        var frame = page.Frames.Single(f => f != page.MainFrame);
        await frame.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var prefix = frame.Url[..(frame.Url.IndexOf("/http", StringComparison.Ordinal) + 1)];
        var site = web.Tenant.BaseUrl.GetLeftPart(UriPartial.Authority);

        var socket = await frame.EvaluateAsync<string>("""
            async () => {
              try { await fetch("/api/offer.json"); } catch (e) { }
              const xhr = new XMLHttpRequest(); xhr.open("GET", "offer-data.json"); xhr.send();
              new Image().src = "//cdn.example.kz/pixel.gif";
              const script = document.createElement("script"); script.setAttribute("src", "https://widgets.example.kz/chat.js"); document.head.appendChild(script);
              const holder = document.createElement("div"); holder.innerHTML = '<img src="/img/inserted.png">'; document.body.appendChild(holder);
              navigator.sendBeacon("/collect", "seen");
              try { new WebSocket("ws://127.0.0.1:9/live"); return "opened"; } catch (e) { return e.name; }
            }
            """);

        Assert.Equal("SecurityError", socket);
        string[] expected =
        [
            prefix + site + "/api/offer.json", prefix + web.Tenant.BaseUrl.AbsoluteUri + "spa/offer-data.json", prefix + "http://cdn.example.kz/pixel.gif",
            prefix + "https://widgets.example.kz/chat.js", prefix + site + "/img/inserted.png",
        ];
        List<string> Urls()
        {
            lock (_requests) return _requests.Where(r => r.Frame != page.MainFrame).Select(r => r.Url).ToList();
        }
        // The image, the script and the inserted markup load after the evaluation returns: each request is awaited, not timed.
        await Eventually.WaitAsync(() => Task.FromResult(expected.All(Urls().Contains)), "the replayed addresses: " + string.Join(", ", expected.Except(Urls())), 60);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain(Urls(), u => u.Contains("/collect", StringComparison.Ordinal));
        Assert.Empty(_outside);
    }

    [Fact]
    public async Task A_browser_opening_a_memento_of_a_page_sees_it_replayed_and_script_built_text_shown()
    {
        var observation = await FirstCaptureAsync();
        var page = await _context.NewPageAsync();
        var memento = $"{Origin}/memento/{PolicyArchiver.Web.Memento.MementoDatetime.Fourteen(observation.At)}/{web.Tenant.BaseUrl.AbsoluteUri}spa/offer";
        var response = await page.GotoAsync(memento);

        Assert.NotNull(await response!.HeaderValueAsync("memento-datetime"));
        Assert.True(await page.Locator("section.replay-banner").IsVisibleAsync());
        Assert.Contains(BuiltByScript, await page.FrameLocator("iframe.replay").Locator("article.offer-document").InnerTextAsync());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await SiteBrowser.ScreenshotAsync(page, "replay-2-memento");
        Assert.Empty(_outside);
    }
}
