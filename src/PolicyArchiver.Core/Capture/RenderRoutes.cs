using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PolicyArchiver.Capture;

/// <summary>
/// The requests of the page that renders a fetched document. Its first navigation receives the
/// very bytes we fetched; a later navigation of the page (a script setting <c>location</c>, a meta
/// refresh, a form) is noted, and followed only on the same site — the same scheme, host and port,
/// where the site's own pages are — so another site's page is never taken for the document. Every
/// request the page makes, subresources included, must pass the capture's <see cref="NetworkGuard"/>.
/// Subresources (stylesheets, scripts, images, fonts, what scripts fetch, frames' documents) are
/// fetched by our own client, not Chromium's, and handed to the browser as served: so the bytes the
/// page was rendered with are exactly those kept as its <see cref="Resources"/>, under the per
/// resource and per page caps.
/// </summary>
internal sealed class RenderRoutes : IDisposable
{
    /// <summary>Fields a connection or our client sets itself, not the browser's request.</summary>
    private static readonly HashSet<string> HopFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-length", "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "expect",
    };

    private readonly ServedResponse _served;
    private readonly NetworkGuard _guard;
    private readonly CaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly GuardedHttp _http;
    private readonly ConcurrentQueue<string> _navigations = new();
    private readonly ConcurrentQueue<ServedResponse> _resources = new();
    private readonly Tally _refused = new(), _truncated = new(), _failed = new();
    private int _handedOver;
    private long _pageBytes;

    private RenderRoutes(ServedResponse served, NetworkGuard guard, CaptureOptions options, TimeProvider time)
    {
        (_served, _guard, _options, _time) = (served, guard, options, time);
        // The browser sends the page's cookies in each request's Cookie field: the client keeps none of its own.
        _http = new GuardedHttp(guard, cookies: null);
    }

    /// <summary>Every subresource exchange of the page so far, in the order they completed.</summary>
    public IReadOnlyList<ServedResponse> Resources => [.. _resources];

    /// <summary>What the page tried after it was served, in the words of an observation's detail; null when nothing.</summary>
    public string? Attempted
    {
        get
        {
            var all = _navigations.Concat(new[]
            {
                _refused.Say("request(s) of the page not made"),
                _truncated.Say("page resource(s) truncated at the cap"),
                _failed.Say("page resource(s) failed"),
            }.OfType<string>()).ToList();
            return all.Count == 0 ? null : string.Join("; ", all);
        }
    }

    public static async Task<RenderRoutes> OnAsync(IPage page, ServedResponse served, NetworkGuard guard, CaptureOptions options, TimeProvider time,
        CancellationToken ct)
    {
        var routes = new RenderRoutes(served, guard, options, time);
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
                await FulfillAsync(route, _served);
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
            if (refusal is not null)
            {
                _refused.Add(refusal);
                await route.AbortAsync("blockedbyclient");
            }
            else if (navigation || url.Scheme is not ("http" or "https")) await route.FallbackAsync();
            else await RecordAsync(route, request, url, ct);
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

    /// <summary>
    /// Asks for a subresource as the browser asked (method, header fields, cookies, body), within
    /// what is left of the page's budget, keeps the exchange, and gives the browser what was read.
    /// A redirect is followed here, hop by hop, each hop checked by the guard and kept: Chromium
    /// would follow a redirect it is handed on its own, past the route, unguarded and unrecorded.
    /// The browser is handed the last hop's response as the resource it asked for.
    /// </summary>
    private async Task RecordAsync(IRoute route, IRequest request, Uri url, CancellationToken ct)
    {
        var headers = Forwarded(await request.AllHeadersAsync());
        var (method, body) = (request.Method, request.PostDataBuffer);
        for (var hop = 0; ; hop++)
        {
            var cap = Math.Min(_options.MaxResourceBytes, Math.Max(0, _options.MaxPageResourceBytes - Volatile.Read(ref _pageBytes)));
            ServedResponse served;
            try
            {
                (served, _) = await _http.SendAsync(method, url, headers, body, cap, _options.NavigationTimeout, _time, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A network error, a timeout, a body cut off: the browser sees the request fail, as it would have.
                _failed.Add($"{url}: {Capturer.FirstLine(e.Message)}");
                await route.AbortAsync("failed");
                return;
            }
            served = WithinPage(served);
            _resources.Enqueue(served);
            if (served.Truncated) _truncated.Add(url.AbsoluteUri);
            // A Location that is no address is the browser's to judge, as it is served.
            if (!served.IsRedirect || served.Truncated || hop == DocumentFetcher.MaxRedirects || !Uri.TryCreate(url, served.Headers["location"], out var next))
            {
                await FulfillAsync(route, served);
                return;
            }
            if (await _guard.RefusalAsync(next, ct) is { } refusal)
            {
                _refused.Add(refusal);
                await route.AbortAsync("blockedbyclient");
                return;
            }
            // As a browser follows: a 303, or a POST answered with 301 or 302, becomes a GET without a body;
            // the cookies sent were the first host's.
            if (served.Status == 303 || (served.Status is 301 or 302 && method == "POST")) (method, body) = ("GET", null);
            if (!SameSite(next, url)) headers.Remove("cookie");
            url = next;
        }
    }

    /// <summary>
    /// Takes the body's bytes out of the page's budget; what is beyond it (requests in flight at
    /// once may each have had the whole remainder as their cap) is cut off and marked truncated.
    /// </summary>
    private ServedResponse WithinPage(ServedResponse served)
    {
        while (true)
        {
            var used = Volatile.Read(ref _pageBytes);
            var take = Math.Min(served.Body.LongLength, Math.Max(0, _options.MaxPageResourceBytes - used));
            if (Interlocked.CompareExchange(ref _pageBytes, used + take, used) != used) continue;
            return take == served.Body.LongLength ? served : served with { Body = served.Body[..(int)take], Truncated = true };
        }
    }

    /// <summary>The browser's request fields our client can send as they are; the encodings asked for are those <see cref="BoundedBody"/> decodes.</summary>
    private static Dictionary<string, string> Forwarded(Dictionary<string, string> headers)
    {
        var sent = headers.Where(h => !h.Key.StartsWith(':') && !HopFields.Contains(h.Key)).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
        if (sent.ContainsKey("accept-encoding")) sent["accept-encoding"] = "gzip, deflate, br";
        return sent;
    }

    /// <summary>An exchange handed to the browser: its body is already decoded, so the fields about the transfer go.</summary>
    private static Task FulfillAsync(IRoute route, ServedResponse served) => route.FulfillAsync(new RouteFulfillOptions
    {
        Status = served.Status,
        Headers = served.Headers.Where(h => h.Key is not ("content-length" or "content-encoding" or "transfer-encoding")).ToDictionary(h => h.Key, h => h.Value),
        BodyBytes = served.Body,
    });

    public void Dispose() => _http.Dispose();

    /// <summary>How many requests ended one way, and the first of them, for the detail.</summary>
    private sealed class Tally
    {
        private int _count;
        private string? _first;

        public void Add(string what)
        {
            if (Interlocked.Increment(ref _count) == 1) _first = what;
        }

        public string? Say(string what) => _count == 0 ? null : $"{_count} {what} (first: {_first})";
    }
}
