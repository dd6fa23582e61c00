using Microsoft.Playwright;
using PolicyArchiver.Capture;
using PolicyArchiver.Importing;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Insight.Discovery;

/// <summary>
/// Reads a company's homepage as a visitor does, in Chromium: its language variants and the pages
/// it calls "documents", and lists the links that lead to policy documents. Researchers score
/// whether the terms and the privacy policy are easy to find from the main page.
/// </summary>
internal sealed class Discoverer(ChromiumBrowser browser, CaptureOptions options, TimeProvider time)
{
    /// <summary>Bounds on what one discovery reads, so a large site stays a few page loads.</summary>
    public const int MaxVariants = 3, MaxHubs = 4;

    private sealed record PageLinks(string Url, string? Language, IReadOnlyList<(Uri Url, string Text, string Hreflang)> Anchors);

    public async Task<DiscoveryReport> DiscoverAsync(Company company, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var pages = new List<VisitedPage>();
        var found = new Dictionary<string, DiscoveredLink>(StringComparer.Ordinal);
        await using var context = await browser.NewContextAsync(null, ct);
        var home = await ReadAsync(context, company.Homepage, ct);
        if (home.Error is { } failure)
            return new DiscoveryReport(company.Id, at, failure.Outcome, failure.Detail, [], [], Track(company, found));
        pages.Add(new VisitedPage(home.Page!.Url, home.Page.Language, 0, "homepage"));

        var entryPages = new List<PageLinks> { home.Page };
        foreach (var variant in Variants(home.Page, company.Homepage).Take(MaxVariants))
        {
            var read = await ReadAsync(context, variant, ct);
            if (read.Page is null || pages.Any(p => p.Url == read.Page.Url)) continue;
            pages.Add(new VisitedPage(read.Page.Url, read.Page.Language, 0, "language variant"));
            entryPages.Add(read.Page);
        }
        foreach (var page in entryPages) Collect(page, 1, found, company);

        var hubs = entryPages.SelectMany(p => p.Anchors)
            .Where(a => SameSite(a.Url, company.Homepage) && DocumentLinkLexicon.IsHub(a.Text) && DocumentLinkLexicon.TypeOf(a.Text, a.Url) is null)
            .Select(a => a.Url).DistinctBy(u => UrlKey.Of(u.AbsoluteUri)).Where(u => pages.All(p => p.Url != u.AbsoluteUri)).Take(MaxHubs).ToList();
        foreach (var hub in hubs)
        {
            var read = await ReadAsync(context, hub, ct);
            if (read.Page is null) continue;
            pages.Add(new VisitedPage(read.Page.Url, read.Page.Language, 1, "documents page"));
            Collect(read.Page, 2, found, company);
        }
        var links = found.Values.OrderBy(l => l.Depth).ThenBy(l => l.Type, StringComparer.Ordinal).ThenBy(l => l.Language, StringComparer.Ordinal).ThenBy(l => l.Url, StringComparer.Ordinal).ToList();
        return new DiscoveryReport(company.Id, at, Outcome.Ok.ToWire(), null, pages, links, Track(company, found));
    }

    private static IReadOnlyList<TrackedDocument> Track(Company company, IReadOnlyDictionary<string, DiscoveredLink> found) =>
        company.Documents.Select(d =>
        {
            var link = found.Values.Where(l => l.Document == d.Key).MinBy(l => l.Depth);
            return new TrackedDocument(d.Key, d.Url.AbsoluteUri, link is not null, link?.Depth);
        }).ToList();

    /// <summary>Policy links of a page, keeping the shallowest place each was found.</summary>
    private static void Collect(PageLinks page, int depth, Dictionary<string, DiscoveredLink> found, Company company)
    {
        foreach (var (url, text, _) in page.Anchors)
        {
            var type = DocumentLinkLexicon.TypeOf(text, url)
                       ?? (url.AbsolutePath.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && text.Length > 0 ? "other" : null);
            if (type is null || UrlKey.Of(url.AbsoluteUri) is not { } key) continue;
            if (found.TryGetValue(key, out var known) && known.Depth <= depth) continue;
            var document = company.Documents.FirstOrDefault(d => UrlKey.Of(d.Url.AbsoluteUri) == key || d.Combine.Any(c => UrlKey.Of(c.AbsoluteUri) == key));
            found[key] = new DiscoveredLink(url.AbsoluteUri, text, document?.Type ?? type, LinkLanguage.Of(url, text, page.Language), depth, page.Url, document?.Key);
        }
    }

    /// <summary>The homepage in its other languages: a language switch, or <c>&lt;link rel=alternate hreflang&gt;</c>.</summary>
    private static IEnumerable<Uri> Variants(PageLinks home, Uri homepage) =>
        home.Anchors
            .Where(a => SameSite(a.Url, homepage) && (a.Hreflang.Length > 0 || DocumentLinkLexicon.SwitchTexts.ContainsKey(a.Text.Trim().ToLowerInvariant())))
            .Select(a => a.Url)
            .Where(u => UrlKey.Of(u.AbsoluteUri) != UrlKey.Of(home.Url))
            .DistinctBy(u => UrlKey.Of(u.AbsoluteUri));

    /// <summary>Same registrable site: kaspi.kz and guide.kaspi.kz count as one company's site.</summary>
    private static bool SameSite(Uri url, Uri homepage)
    {
        static string Site(string host) => string.Join('.', host.Split('.').TakeLast(2));
        return url.Scheme is "http" or "https" && (url.Host == homepage.Host || Site(url.Host) == Site(homepage.Host) && !System.Net.IPAddress.TryParse(url.Host, out _));
    }

    private sealed record Read(PageLinks? Page, (string Outcome, string Detail)? Error);

    private async Task<Read> ReadAsync(IBrowserContext context, Uri url, CancellationToken ct)
    {
        var page = await context.NewPageAsync();
        try
        {
            var response = await page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = (float)options.NavigationTimeout.TotalMilliseconds });
            ct.ThrowIfCancellationRequested();
            if (response is { Ok: false })
                return new Read(null, ((response.Status is 404 or 410 ? Outcome.NotFound : Outcome.HttpError).ToWire(), $"HTTP {response.Status} at {url}"));
            try
            {
                // Menus and footers that scripts build appear shortly after load.
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = (float)options.SettleTimeout.TotalMilliseconds });
            }
            catch (TimeoutException)
            {
            }
            var anchors = await page.EvalOnSelectorAllAsync<System.Text.Json.JsonElement>("a[href], link[rel=alternate][hreflang]",
                "els => els.map(e => ({ href: e.href, text: (e.tagName === 'LINK' ? '' : (e.innerText || e.textContent || '')).replace(/\\s+/g, ' ').trim(), hreflang: e.getAttribute('hreflang') || '' }))");
            var language = LinkLanguage.FromDeclared(await page.EvaluateAsync<string?>("() => document.documentElement.lang")) ?? LinkLanguage.FromUrl(new Uri(page.Url));
            var parsed = anchors.EnumerateArray()
                .Select(a => (Href: a.GetProperty("href").GetString() ?? "", Text: a.GetProperty("text").GetString() ?? "", Hreflang: a.GetProperty("hreflang").GetString() ?? ""))
                .Select(a => (Ok: Uri.TryCreate(a.Href, UriKind.Absolute, out var u), Url: u, a.Text, a.Hreflang))
                .Where(a => a.Ok && a.Url!.Scheme is "http" or "https")
                .Select(a => (new UriBuilder(a.Url!) { Fragment = "" }.Uri, a.Text, a.Hreflang))
                .ToList();
            return new Read(new PageLinks(page.Url, language, parsed), null);
        }
        catch (TimeoutException e)
        {
            return new Read(null, (Outcome.Timeout.ToWire(), $"{url}: {e.Message.Split('\n')[0]}"));
        }
        catch (PlaywrightException e)
        {
            return new Read(null, (Outcome.NetworkError.ToWire(), $"{url}: {e.Message.Split('\n')[0]}"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
