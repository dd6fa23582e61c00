using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace PolicyArchiver.Capture;

/// <summary>
/// The HTTP client of a capture, for the main document and the resources its render loads alike:
/// connections go only to the addresses the capture's <see cref="NetworkGuard"/> judged, redirects
/// are not followed (each hop is an exchange of its own), and a body streams in under a cap,
/// decoded from its content encoding (<see cref="BoundedBody"/>), so what is kept is the exact bytes served.
/// </summary>
internal sealed class GuardedHttp : IDisposable
{
    private readonly HttpClient _client;

    /// <param name="cookies">Kept and sent by the client (the main document's hops); null when the caller sends its own Cookie fields (the browser's).</param>
    public GuardedHttp(NetworkGuard guard, CookieContainer? cookies)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None, // decoded by BoundedBody, under the cap
            UseProxy = false,
            UseCookies = cookies is not null,
            ConnectCallback = (c, token) => ConnectAsync(guard, c.DnsEndPoint, token),
        };
        if (cookies is not null) handler.CookieContainer = cookies;
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>One exchange, as it happened: a network failure is a <see cref="PlaywrightException"/> with the code the details have always shown.</summary>
    /// <returns>The exchange, and why its body is incomplete (null when it is whole).</returns>
    public async Task<(ServedResponse Served, string? Truncated)> SendAsync(string method, Uri url, IReadOnlyDictionary<string, string> headers, byte[]? body,
        long cap, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var at = time.GetUtcNow();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new ByteArrayContent(body);
        foreach (var (name, value) in headers)
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var lines = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
            var read = await BoundedBody.ReadAsync(response.Content, cap, deadline.Token);
            var served = new ServedResponse(url.AbsoluteUri, at, headers, (int)response.StatusCode, lines, read.Bytes)
            {
                Truncated = read.Truncated is not null,
                Method = method,
                RequestBody = body,
            };
            return (served, read.Truncated);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Timeout {timeout.TotalMilliseconds:0}ms exceeded fetching {url}");
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

    public void Dispose() => _client.Dispose();
}
