using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// ReplayWeb.page, Webrecorder's web archive player, served from its npm package on loopback with
/// one WACZ file, as an archive's reader would host it: an embedding page with the
/// <c>&lt;replay-web-page&gt;</c> element, the player's service worker under <c>/replay/</c>, and
/// the WACZ (with range requests, which the player reads it by).
/// </summary>
public sealed class ReplayWebPagePlayer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public Uri BaseUrl { get; }

    private ReplayWebPagePlayer(WebApplication app, Uri baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<ReplayWebPagePlayer> StartAsync(string wacz)
    {
        var root = Repository.ReplayWebPage;
        var (app, baseUrl) = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/", (string url, string ts, int? height) => Results.Content(Embedding(url, ts, height ?? 900), "text/html; charset=utf-8"));
            app.MapGet("/archive.wacz", () => Results.File(wacz, "application/wacz", enableRangeProcessing: true));
            app.MapGet("/ui.js", () => Results.File(Path.Combine(root, "ui.js"), "application/javascript"));
            app.MapGet("/replay/", () => Results.File(Path.Combine(root, "index.html"), "text/html; charset=utf-8"));
            app.MapGet("/replay/index.html", () => Results.File(Path.Combine(root, "index.html"), "text/html; charset=utf-8"));
            app.MapGet("/replay/ui.js", () => Results.File(Path.Combine(root, "ui.js"), "application/javascript"));
            app.MapGet("/replay/sw.js", () => Results.File(Path.Combine(root, "sw.js"), "application/javascript"));
        });
        return new ReplayWebPagePlayer(app, baseUrl);
    }

    /// <summary>
    /// Opens the page of <paramref name="url"/> captured at <paramref name="ts"/> (14 digits) in the
    /// player, its frame <paramref name="height"/> pixels tall, and returns the frame once its page has loaded.
    /// </summary>
    public async Task<IFrame> OpenAsync(IPage page, string url, string ts, int height)
    {
        await page.GotoAsync(new Uri(BaseUrl, $"/?url={WebUtility.UrlEncode(url)}&ts={ts}&height={height}").AbsoluteUri);
        IFrame? replay = null;
        await Eventually.WaitAsync(() =>
        {
            replay = page.Frames.FirstOrDefault(f => f.Url.Contains("mp_/", StringComparison.Ordinal));
            return Task.FromResult(replay is not null);
        }, $"ReplayWeb.page's frame for {url}", 60);
        await replay!.WaitForLoadStateAsync(LoadState.Load);
        await replay.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return replay;
    }

    private static string Embedding(string url, string ts, int height) => $$"""
        <!doctype html>
        <html><head><meta charset="utf-8"><script src="/ui.js"></script>
        <style>body { margin: 0 } replay-web-page { display: block; width: 1280px; height: {{height}}px }</style></head>
        <body><replay-web-page source="/archive.wacz" url="{{WebUtility.HtmlEncode(url)}}" ts="{{ts}}" replayBase="/replay/" embed="replayonly"></replay-web-page></body></html>
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
