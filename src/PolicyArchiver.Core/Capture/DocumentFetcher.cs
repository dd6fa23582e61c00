using Microsoft.Playwright;

namespace PolicyArchiver.Capture;

/// <summary>
/// Fetches a document's main response through the browser context's network client, following
/// redirects hop by hop, so that the archive keeps the exact bytes the server sent. (Chromium's
/// own response body is re-encoded text for text resources: a windows-1251 page would come back
/// as UTF-8, which is not evidence.) The context's cookies are shared with the page that renders it.
/// </summary>
internal static class DocumentFetcher
{
    private const int MaxRedirects = 20;

    /// <returns>Every hop, the last being the final response.</returns>
    public static async Task<IReadOnlyList<ServedResponse>> FetchAsync(IBrowserContext context, Uri url, string? userAgent, string? acceptLanguage,
        TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var hops = new List<ServedResponse>();
        var current = url;
        for (var i = 0; i <= MaxRedirects; i++)
        {
            var at = time.GetUtcNow();
            var headers = NavigationHeaders(userAgent, acceptLanguage);
            var response = await context.APIRequest.GetAsync(current.AbsoluteUri, new APIRequestContextOptions
            {
                MaxRedirects = 0,
                FailOnStatusCode = false,
                Timeout = (float)timeout.TotalMilliseconds,
                Headers = headers,
            }).WaitAsync(ct);
            var lines = response.HeadersArray.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList();
            var served = new ServedResponse(current.AbsoluteUri, at, headers, response.Status, lines, await response.BodyAsync());
            await response.DisposeAsync();
            hops.Add(served);
            if (!served.IsRedirect) return hops;
            current = new Uri(current, served.Headers["location"]);
        }
        throw new PlaywrightException($"net::ERR_TOO_MANY_REDIRECTS at {url} (more than {MaxRedirects})");
    }

    /// <summary>What Chromium sends when a reader opens the page, so the server answers as it would to them.</summary>
    private static Dictionary<string, string> NavigationHeaders(string? userAgent, string? acceptLanguage)
    {
        var headers = new Dictionary<string, string>
        {
            ["user-agent"] = userAgent ?? "",
            ["accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
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
