using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PolicyArchiver.Capture;

/// <summary>
/// The requests of the page that renders a fetched document. Its first navigation receives the
/// very bytes we fetched; a later navigation of the page (a script setting <c>location</c>, a meta
/// refresh, a form) is noted, and followed only on the same site — the same scheme, host and port,
/// where the site's own pages are — so another site's page is never taken for the document. Every
/// request the page makes, subresources included, must pass the capture's <see cref="NetworkGuard"/>.
/// </summary>
internal sealed class RenderRoutes
{
    private readonly ServedResponse _served;
    private readonly NetworkGuard _guard;
    private readonly ConcurrentQueue<string> _navigations = new();
    private int _handedOver;
    private int _refused;
    private string? _firstRefused;

    private RenderRoutes(ServedResponse served, NetworkGuard guard) => (_served, _guard) = (served, guard);

    /// <summary>What the page tried after it was served, in the words of an observation's detail; null when nothing.</summary>
    public string? Attempted
    {
        get
        {
            var subresources = _refused == 0 ? [] : new[] { $"{_refused} request(s) of the page not made (first: {_firstRefused})" };
            var all = _navigations.Concat(subresources).ToList();
            return all.Count == 0 ? null : string.Join("; ", all);
        }
    }

    public static async Task<RenderRoutes> OnAsync(IPage page, ServedResponse served, NetworkGuard guard, CancellationToken ct)
    {
        var routes = new RenderRoutes(served, guard);
        await page.RouteAsync("**/*", route => routes.HandleAsync(page, route, ct));
        return routes;
    }

    /// <summary>Same scheme, host and port as the served document: a page of the same site.</summary>
    public static bool SameSite(Uri a, Uri b) => Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    private async Task HandleAsync(IPage page, IRoute route, CancellationToken ct)
    {
        var request = route.Request;
        var navigation = request.IsNavigationRequest && request.Frame == page.MainFrame;
        try
        {
            if (navigation && Interlocked.Exchange(ref _handedOver, 1) == 0)
            {
                var headers = _served.Headers.Where(h => h.Key != "content-length" && h.Key != "content-encoding" && h.Key != "transfer-encoding")
                    .ToDictionary(h => h.Key, h => h.Value);
                await route.FulfillAsync(new RouteFulfillOptions { Status = _served.Status, Headers = headers, BodyBytes = _served.Body });
                return;
            }
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url))
            {
                await route.FallbackAsync();
                return;
            }
            var refusal = await _guard.RefusalAsync(url, ct);
            if (navigation)
            {
                var followed = refusal is null && SameSite(url, new Uri(_served.Url));
                _navigations.Enqueue(followed
                    ? $"the page navigated to {url} after it was served (same site; the rendered page is that one)"
                    : $"the page navigated to {url} after it was served; not followed ({refusal ?? "another site"})");
                if (!followed)
                {
                    // ERR_ABORTED leaves the document in place; another error would show Chromium's error page.
                    await route.AbortAsync("aborted");
                    return;
                }
            }
            if (refusal is null)
            {
                await route.FallbackAsync();
                return;
            }
            if (Interlocked.Increment(ref _refused) == 1) _firstRefused = refusal;
            await route.AbortAsync("blockedbyclient");
        }
        catch (PlaywrightException)
        {
            // The page was closed while the request was pending: nothing is left to route.
        }
        catch (OperationCanceledException)
        {
            // The capture was cancelled: the page closes with it.
        }
    }
}
