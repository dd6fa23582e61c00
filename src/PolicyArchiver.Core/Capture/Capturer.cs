using System.Globalization;
using Microsoft.Playwright;
using PolicyArchiver.Extraction;
using PolicyArchiver.Targets;
using O = PolicyArchiver.Model.Outcome;

namespace PolicyArchiver.Capture;

/// <summary>
/// One attempt to fetch one document with Chromium. HTML pages are rendered: the raw bytes of the
/// main response, the DOM after scripts and a full-page screenshot. PDFs are fetched as bytes.
/// Every failure becomes an outcome, never an exception (except cancellation). Whether an ok page
/// is the document or a wall is judged once its text is extracted (<see cref="BlockDetector"/>).
/// </summary>
internal sealed class Capturer(ChromiumBrowser browser, CaptureOptions options, TimeProvider time)
{
    /// <param name="unchanged">
    /// Asked before rendering an ok HTML page, and again before its screenshot: when the document
    /// is shown unchanged, the page is kept as served (no render) or rendered without a new
    /// screenshot (see <see cref="Archiving.RenderSkip"/>).
    /// </param>
    public async Task<PageCapture> CaptureAsync(Document document, CancellationToken ct, UnchangedChecks? unchanged = null)
    {
        try
        {
            var guard = await NetworkGuard.ForAsync(document.Url, options, ct);
            var fetched = await DocumentFetcher.FetchAsync(guard, document.Url, await browser.UserAgentAsync(ct), AcceptLanguage(document.Language),
                options, time, ct);
            var last = fetched.Hops[^1];
            // Nothing from a refused address is asked for; what is over the cap is evidence, not content.
            if ((fetched.Refused ?? fetched.Truncated) is { } why)
                return PageCapture.Failed(O.HttpError, fetched.Refused is null ? why : $"HTTP {last.Status} {why}", last.Status, last.Url) with { Hops = fetched.Hops };
            return await CaptureServedAsync(guard, fetched, document, last, unchanged, ct) with { Hops = fetched.Hops };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutException e)
        {
            return PageCapture.Failed(O.Timeout, FirstLine(e.Message));
        }
        catch (PlaywrightException e)
        {
            return Classify(e);
        }
    }

    /// <summary>Restarts the browser after a capture hung.</summary>
    public Task ResetBrowserAsync() => browser.ResetAsync();

    private async Task<PageCapture> CaptureServedAsync(NetworkGuard guard, DocumentFetcher.Fetched fetched, Document document, ServedResponse served,
        UnchangedChecks? unchanged, CancellationToken ct)
    {
        var outcome = OutcomeOf(served.Status);
        if (PdfExtractor.IsPdf(served.Body, served.ContentType) || IsDownload(served))
            return outcome == O.Ok
                ? new PageCapture(O.Ok, served.Status, served.Url, null, served.Headers, served.Body, null, null)
                : Failure(outcome, served);
        // A body above the extraction limit is not parsed here either: it would take ten times its size.
        var readable = served.Body.LongLength <= options.MaxExtractBytes;
        if (outcome != O.Ok)
        {
            // Error pages are not rendered; a challenge served with 403 or 503 is still recognised. Only
            // a wall makes one blocked: an error page without one stays the HTTP error it is.
            if (!readable) return Failure(outcome, served);
            var url = new Uri(served.Url);
            var text = HtmlExtractor.Extract(Charset.Decode(served.Body, served.ContentType), document.Rules, url);
            var verdict = BlockDetector.Judge(document, PageContent.Of(served.Headers, served.Body, null, text, document.Url, url));
            return verdict.Walled ? new PageCapture(O.Blocked, served.Status, served.Url, verdict.Reason, served.Headers, null, null, null) : Failure(outcome, served);
        }
        if (readable && unchanged?.Raw is { } raw && await raw(served, ct))
            return new PageCapture(O.Ok, served.Status, served.Url, null, served.Headers, served.Body, null, null);
        // Rendering a huge page would hold it several times over (base64 on its way to Chromium, its
        // DOM, the DOM's way back, a screenshot taller than any screen): the served bytes, which are
        // the evidence, are kept instead, and the text is read from them (below the extraction limit).
        if (served.Body.LongLength > options.MaxRenderBytes)
            return new PageCapture(O.Ok, served.Status, served.Url, NotRendered(served.Body.LongLength, options.MaxRenderBytes), served.Headers, served.Body, null, null);
        // The browser is asked for a context only now: a page kept as served never needs one.
        var context = await browser.NewContextAsync(LocaleOf(document.Language), ct);
        try
        {
            await DocumentFetcher.ShareCookiesAsync(context, fetched.Cookies);
            return await RenderAsync(context, guard, served, unchanged, ct);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// Renders the fetched page in Chromium: the browser receives exactly the bytes we keep, then
    /// loads the page's own resources and runs its scripts. A resource that never finishes does not
    /// hold the page: the load event is awaited for the settle timeout, then the network's quiet for
    /// as long again, and what has rendered by then is kept.
    /// </summary>
    private async Task<PageCapture> RenderAsync(IBrowserContext context, NetworkGuard guard, ServedResponse served, UnchangedChecks? unchanged, CancellationToken ct)
    {
        var page = await context.NewPageAsync();
        using var routes = await RenderRoutes.OnAsync(page, served, guard, options, time, ct);
        try
        {
            return await RenderedAsync(page, routes, served, unchanged, ct) with { Resources = routes.Resources };
        }
        finally
        {
            // Closed before the routes' client goes: no request is left waiting on it.
            await page.CloseAsync();
        }
    }

    private async Task<PageCapture> RenderedAsync(IPage page, RenderRoutes routes, ServedResponse served, UnchangedChecks? unchanged, CancellationToken ct)
    {
        await page.GotoAsync(served.Url, new PageGotoOptions
        {
            WaitUntil = WaitUntilState.Commit,
            Timeout = (float)options.NavigationTimeout.TotalMilliseconds,
        }).WaitAsync(ct);
        // Network idle (500 ms without a request) is waited for on every page, though Chromium keeps
        // working through it: ending at a quiet moment right after the load event measured no CPU
        // saved in the benchmark (BENCHMARKS.md, issue 14), and it would miss a script whose timer
        // builds the text a little later.
        foreach (var state in new[] { LoadState.Load, LoadState.NetworkIdle })
        {
            try
            {
                await page.WaitForLoadStateAsync(state, new PageWaitForLoadStateOptions
                {
                    Timeout = (float)options.SettleTimeout.TotalMilliseconds,
                }).WaitAsync(ct);
            }
            catch (TimeoutException)
            {
                // An image that never arrives, a page that polls forever: what has rendered by now is what we keep.
            }
        }

        // Navigations away are not followed, so the page is still the document's; should one have
        // slipped through, the served bytes stand for the document and its DOM is not taken.
        if (!RenderRoutes.SameSite(new Uri(page.Url), new Uri(served.Url)))
            return new PageCapture(O.Ok, served.Status, served.Url, Join(routes.Attempted, $"the rendered page left for {page.Url}; kept as served"),
                served.Headers, served.Body, null, null);
        var dom = await page.ContentAsync();

        // The screenshot of a long policy is the costliest step (a PDF much less than pixels): taken for a new text only.
        var screenshot = options.Screenshot && !(unchanged is not null && await unchanged.Rendered(dom, served.Url, ct))
            ? await PageScreenshot.TakeAsync(page, options.ScreenshotFormat)
            : null;
        return new PageCapture(O.Ok, served.Status, served.Url, routes.Attempted, served.Headers, served.Body, dom, screenshot);
    }

    private static string NotRendered(long bytes, long limit) =>
        $"not rendered: the body of {ByteSize.Of(bytes)} is above the {ByteSize.Of(limit)} render limit; kept as served";

    private static string Join(string? first, string then) => first is null ? then : $"{first}; {then}";

    private PageCapture Failure(O outcome, ServedResponse served) =>
        new(outcome, served.Status, served.Url, $"HTTP {served.Status}", served.Headers, null, null, null, RetryAfter(served.Headers, time.GetUtcNow()));

    /// <summary>Content that a browser downloads instead of displaying: PDFs, Word files, attachments.</summary>
    private static bool IsDownload(ServedResponse served) =>
        served.Headers.TryGetValue("content-disposition", out var disposition) && disposition.StartsWith("attachment", StringComparison.OrdinalIgnoreCase)
        || (served.ContentType?.Contains("officedocument", StringComparison.OrdinalIgnoreCase) ?? false)
        || (served.ContentType?.Contains("application/msword", StringComparison.OrdinalIgnoreCase) ?? false);

    private static O OutcomeOf(int status) => Outcomes.OfHttpStatus(status, displayed: true);

    private static PageCapture Classify(PlaywrightException e)
    {
        var message = FirstLine(e.Message);
        var timedOut = message.Contains("net::ERR_TIMED_OUT", StringComparison.Ordinal)
                       || message.Contains("ETIMEDOUT", StringComparison.Ordinal)
                       || message.Contains("Timeout", StringComparison.Ordinal);
        return PageCapture.Failed(timedOut ? O.Timeout : O.NetworkError, message);
    }

    private static TimeSpan? RetryAfter(IReadOnlyDictionary<string, string> headers, DateTimeOffset now)
    {
        if (!headers.TryGetValue("retry-after", out var value)) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var wait = at - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static string AcceptLanguage(string language) => language switch
    {
        "kk" => "kk-KZ,kk;q=0.9,ru;q=0.8,en;q=0.7",
        "ru" => "ru-RU,ru;q=0.9,kk;q=0.8,en;q=0.7",
        "en" => "en-US,en;q=0.9,ru;q=0.8",
        _ => $"{language},en;q=0.8",
    };

    private static string? LocaleOf(string language) => language switch
    {
        "kk" => "kk-KZ",
        "ru" => "ru-KZ",
        "en" => "en-US",
        _ => language,
    };

    internal static string FirstLine(string message)
    {
        var i = message.IndexOf('\n');
        return (i < 0 ? message : message[..i]).Trim();
    }
}
