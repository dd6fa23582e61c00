using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace PolicyArchiver.Capture;

/// <summary>
/// Fetches a document's main response, following redirects hop by hop, so that the archive keeps
/// the exact bytes the server sent. (Chromium's own response body is re-encoded text for text
/// resources: a windows-1251 page would come back as UTF-8, which is not evidence.) The body
/// streams in under <see cref="CaptureOptions.MaxBodyBytes"/>; every hop is checked by the
/// capture's <see cref="NetworkGuard"/> before it is asked for, and connections go only to the
/// addresses it judged. Cookies the hops set go with the result, for the browser context that
/// renders the page (when one does: most unchanged pages need none).
/// </summary>
internal static class DocumentFetcher
{
    private const int MaxRedirects = 20;

    /// <param name="Hops">Every hop, the last being the final response (or the redirect that was refused).</param>
    /// <param name="Refused">Why the next hop was not asked for; null when the last hop is the final response.</param>
    /// <param name="Truncated">Why the final body is incomplete; null when it is whole.</param>
    /// <param name="Cookies">What the hops set, for the render.</param>
    public sealed record Fetched(IReadOnlyList<ServedResponse> Hops, string? Refused, string? Truncated, CookieContainer Cookies);

    public static async Task<Fetched> FetchAsync(NetworkGuard guard, Uri url, string? userAgent, string? acceptLanguage,
        CaptureOptions options, TimeProvider time, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None, // decoded by BoundedBody, under the cap
            UseProxy = false,
            CookieContainer = cookies,
            ConnectCallback = (c, token) => ConnectAsync(guard, c.DnsEndPoint, token),
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var hops = new List<ServedResponse>();
        var current = url;
        for (var i = 0; i <= MaxRedirects; i++)
        {
            if (i > 0 && await guard.RefusalAsync(current, ct) is { } why)
                return new Fetched(hops, $"redirect to {why}", null, cookies);
            var (served, truncated) = await GetAsync(client, current, NavigationHeaders(userAgent, acceptLanguage), options, time, ct);
            hops.Add(served);
            if (!served.IsRedirect || truncated is not null) return new Fetched(hops, null, truncated, cookies);
            current = new Uri(current, served.Headers["location"]);
        }
        throw new PlaywrightException($"net::ERR_TOO_MANY_REDIRECTS at {url} (more than {MaxRedirects})");
    }

    private static async Task<(ServedResponse Served, string? Truncated)> GetAsync(HttpClient client, Uri url, Dictionary<string, string> headers,
        CaptureOptions options, TimeProvider time, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.NavigationTimeout);
        var at = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var lines = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
            var body = await BoundedBody.ReadAsync(response.Content, options.MaxBodyBytes, deadline.Token);
            return (new ServedResponse(url.AbsoluteUri, at, headers, (int)response.StatusCode, lines, body.Bytes) { Truncated = body.Truncated is not null }, body.Truncated);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Timeout {options.NavigationTimeout.TotalMilliseconds:0}ms exceeded fetching {url}");
        }
        catch (HttpRequestException e)
        {
            throw new PlaywrightException($"{Code(e)} {url}: {e.Message}");
        }
    }

    /// <summary>Connects to the first of the host's addresses that the guard lets through.</summary>
    private static async ValueTask<Stream> ConnectAsync(NetworkGuard guard, DnsEndPoint endpoint, CancellationToken ct)
    {
        var addresses = await guard.ResolveAsync(endpoint.Host, ct);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var to = new IPEndPoint(address, endpoint.Port);
            if (guard.Refusal(to) is { } why) throw new HttpRequestException($"{why}: {to}");
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(to, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last!;
    }

    /// <summary>The error codes the details have always shown (ECONNREFUSED…), from the socket error under the exception.</summary>
    private static string Code(HttpRequestException e) => (e.InnerException as SocketException)?.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "ECONNREFUSED",
        SocketError.ConnectionReset => "ECONNRESET",
        SocketError.TimedOut => "ETIMEDOUT",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "ENOTFOUND",
        _ => "net::ERR_FAILED",
    };

    /// <summary>Hands the cookies the fetch was given to the context that renders the page, as the browser would have kept them.</summary>
    public static async Task ShareCookiesAsync(IBrowserContext context, CookieContainer cookies)
    {
        var all = cookies.GetAllCookies();
        if (all.Count == 0) return;
        await context.AddCookiesAsync(all.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = string.IsNullOrEmpty(c.Path) ? "/" : c.Path,
            Secure = c.Secure,
            HttpOnly = c.HttpOnly,
            Expires = c.Expires == DateTime.MinValue ? -1 : new DateTimeOffset(c.Expires.ToUniversalTime()).ToUnixTimeSeconds(),
        }));
    }

    /// <summary>What Chromium sends when a reader opens the page, so the server answers as it would to them.</summary>
    private static Dictionary<string, string> NavigationHeaders(string? userAgent, string? acceptLanguage)
    {
        var headers = new Dictionary<string, string>
        {
            ["user-agent"] = userAgent ?? "",
            ["accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
            ["accept-encoding"] = "gzip, deflate, br",
            ["upgrade-insecure-requests"] = "1",
            ["sec-fetch-dest"] = "document",
            ["sec-fetch-mode"] = "navigate",
            ["sec-fetch-site"] = "none",
            ["sec-fetch-user"] = "?1",
        };
        if (userAgent is null) headers.Remove("user-agent");
        if (acceptLanguage is not null) headers["accept-language"] = acceptLanguage;
        return headers;
    }
}
