using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;
using PolicyArchiver.Extraction;
using PolicyArchiver.Targets;
using O = PolicyArchiver.Storage.Outcome;

namespace PolicyArchiver.Capture;

/// <summary>
/// One attempt to fetch one document with Chromium. HTML pages are rendered: the raw bytes of the
/// main response, the DOM after scripts and a full-page screenshot. PDFs are fetched as bytes.
/// Every failure becomes an outcome, never an exception (except cancellation).
/// </summary>
public sealed class Capturer(ChromiumBrowser browser, CaptureOptions options)
{
    public async Task<PageCapture> CaptureAsync(Document document, CancellationToken ct)
    {
        IBrowserContext? context = null;
        try
        {
            context = await browser.NewContextAsync(LocaleOf(document.Language), ct);
            if (LooksLikePdf(document.Url)) return await FetchBytesAsync(context, document.Url, ct);
            return await RenderAsync(context, document, ct);
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
        finally
        {
            if (context is not null) await context.CloseAsync();
        }
    }

    private async Task<PageCapture> RenderAsync(IBrowserContext context, Document document, CancellationToken ct)
    {
        var page = await context.NewPageAsync();
        IResponse? response;
        try
        {
            response = await page.GotoAsync(document.Url.AbsoluteUri, new PageGotoOptions
            {
                WaitUntil = WaitUntilState.Load,
                Timeout = (float)options.NavigationTimeout.TotalMilliseconds,
            }).WaitAsync(ct);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
        {
            // Chromium downloads what it cannot display (a PDF, a DOCX): fetch the bytes instead.
            return await FetchBytesAsync(context, document.Url, ct);
        }
        if (response is null) return PageCapture.Failed(O.NetworkError, "no response for the main document");

        var headers = await response.AllHeadersAsync();
        var status = response.Status;
        var finalUrl = response.Url;
        var body = await response.BodyAsync();
        var contentType = headers.GetValueOrDefault("content-type");
        if (PdfExtractor.IsPdf(body, contentType))
            return new PageCapture(OutcomeOf(status), status, finalUrl, null, headers, body, null, null);

        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions
            {
                Timeout = (float)options.SettleTimeout.TotalMilliseconds,
            }).WaitAsync(ct);
        }
        catch (TimeoutException)
        {
            // Pages that poll forever never go idle; what has rendered by now is what we keep.
        }

        var dom = await page.ContentAsync();
        var outcome = OutcomeOf(status);
        var blocked = BlockDetector.Detect(headers, dom, document.Url, new Uri(finalUrl), VisibleTextLength(dom))
                      ?? BlockDetector.Detect(headers, Charset.Decode(body, contentType), document.Url, new Uri(finalUrl), VisibleTextLength(dom));
        if (blocked is not null) return new PageCapture(O.Blocked, status, finalUrl, blocked, headers, null, null, null);
        if (outcome != O.Ok)
            return new PageCapture(outcome, status, finalUrl, $"HTTP {status}", headers, null, null, null, RetryAfter(headers));

        var screenshot = options.Screenshot
            ? await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Png })
            : null;
        return new PageCapture(O.Ok, status, finalUrl, null, headers, body, dom, screenshot);
    }

    private async Task<PageCapture> FetchBytesAsync(IBrowserContext context, Uri url, CancellationToken ct)
    {
        var response = await context.APIRequest.GetAsync(url.AbsoluteUri, new APIRequestContextOptions
        {
            Timeout = (float)options.NavigationTimeout.TotalMilliseconds,
            MaxRedirects = 20,
            FailOnStatusCode = false,
        }).WaitAsync(ct);
        var headers = response.Headers;
        var body = await response.BodyAsync();
        var outcome = OutcomeOf(response.Status);
        if (outcome != O.Ok)
            return new PageCapture(outcome, response.Status, response.Url, $"HTTP {response.Status}", headers, null, null, null, RetryAfter(headers));
        var contentType = headers.GetValueOrDefault("content-type");
        if (!PdfExtractor.IsPdf(body, contentType))
        {
            var html = Charset.Decode(body, contentType);
            var blocked = BlockDetector.Detect(headers, html, url, new Uri(response.Url), VisibleTextLength(html));
            if (blocked is not null) return new PageCapture(O.Blocked, response.Status, response.Url, blocked, headers, null, null, null);
        }
        return new PageCapture(O.Ok, response.Status, response.Url, null, headers, body, null, null);
    }

    private static string OutcomeOf(int status) => status switch
    {
        >= 200 and < 400 => O.Ok,
        404 or 410 => O.NotFound,
        _ => O.HttpError,
    };

    private static PageCapture Classify(PlaywrightException e)
    {
        var message = FirstLine(e.Message);
        if (message.Contains("net::ERR_TIMED_OUT", StringComparison.Ordinal) || message.Contains("Timeout", StringComparison.Ordinal))
            return PageCapture.Failed(O.Timeout, message);
        return PageCapture.Failed(O.NetworkError, message);
    }

    private static TimeSpan? RetryAfter(IReadOnlyDictionary<string, string> headers)
    {
        if (!headers.TryGetValue("retry-after", out var value)) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var wait = at - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static int VisibleTextLength(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        foreach (var e in doc.QuerySelectorAll("script, style, noscript, template").ToList()) e.Remove();
        return doc.Body?.TextContent.Count(c => !char.IsWhiteSpace(c)) ?? 0;
    }

    private static bool LooksLikePdf(Uri url) => url.AbsolutePath.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);

    private static string? LocaleOf(string language) => language switch
    {
        "kk" => "kk-KZ",
        "ru" => "ru-KZ",
        "en" => "en-US",
        _ => language,
    };

    private static string FirstLine(string message)
    {
        var i = message.IndexOf('\n');
        return (i < 0 ? message : message[..i]).Trim();
    }
}
