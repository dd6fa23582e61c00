using System.Net;
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
    /// <summary>Redirects followed, for a document and for each resource its render loads.</summary>
    internal const int MaxRedirects = 20;

    /// <param name="Hops">Every hop, the last being the final response (or the redirect that was refused).</param>
    /// <param name="Refused">Why the next hop was not asked for; null when the last hop is the final response.</param>
    /// <param name="Truncated">Why the final body is incomplete; null when it is whole.</param>
    /// <param name="Cookies">What the hops set, for the render.</param>
    public sealed record Fetched(IReadOnlyList<ServedResponse> Hops, string? Refused, string? Truncated, CookieContainer Cookies);

    public static async Task<Fetched> FetchAsync(NetworkGuard guard, Uri url, string? userAgent, string? acceptLanguage,
        CaptureOptions options, TimeProvider time, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var http = new GuardedHttp(guard, cookies);
        var hops = new List<ServedResponse>();
        var current = url;
        for (var i = 0; i <= MaxRedirects; i++)
        {
            if (i > 0 && await guard.RefusalAsync(current, ct) is { } why)
                return new Fetched(hops, $"redirect to {why}", null, cookies);
            var (served, truncated) = await http.SendAsync("GET", current, NavigationHeaders(userAgent, acceptLanguage), null, options.MaxBodyBytes,
                options.NavigationTimeout, time, ct);
            hops.Add(served);
            if (!served.IsRedirect || truncated is not null) return new Fetched(hops, null, truncated, cookies);
            current = new Uri(current, served.Headers["location"]);
        }
        throw new PlaywrightException($"net::ERR_TOO_MANY_REDIRECTS at {url} (more than {MaxRedirects})");
    }

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
