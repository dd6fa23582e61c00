namespace PolicyArchiver.Capture;

/// <summary>How documents are fetched. Defaults suit a small machine archiving a few hundred documents.</summary>
internal sealed class CaptureOptions
{
    /// <summary>Chromium executable; Debian's package installs it at /usr/bin/chromium.</summary>
    public string ChromiumPath { get; set; } = Environment.GetEnvironmentVariable("POLICYARCHIVER_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>Time allowed for each request of the document (every redirect hop, its body included) and for the browser to show it.</summary>
    public TimeSpan NavigationTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How long the rendered page's load event is awaited, then as long again for the network to go
    /// quiet so scripts can fill the page; a resource that never finishes costs no more than this.
    /// </summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a transient failure (5xx, 429, network error, timeout) within one capture.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest Retry-After that is honoured; a longer one ends the capture.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Documents captured at once (on different hosts; one host is visited one request at a time).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// Render every page, even when its raw HTML shows its text unchanged and its text does not come
    /// from scripts (by default such a page is kept as served, without a new DOM and screenshot).
    /// </summary>
    public bool AlwaysRender { get; set; }

    /// <summary>
    /// When a page's text differs from the document's current version, it is fetched again after
    /// this pause before a version is decided: what differs between the two fetches is volatile by
    /// definition. Null never fetches twice.
    /// </summary>
    public TimeSpan? ConfirmDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Minimum pause between two captures of the same host.</summary>
    public TimeSpan HostDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Transient failures of one host, within <see cref="CircuitSamplingDuration"/>, after which the
    /// host is left alone for <see cref="CircuitBreakDuration"/>: a dead site does not consume the schedule.
    /// </summary>
    public int CircuitFailures { get; set; } = 8;

    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest one attempt may take before the browser is presumed hung and restarted.</summary>
    public TimeSpan AttemptTimeout => NavigationTimeout * 2 + SettleTimeout + TimeSpan.FromSeconds(30);

    /// <summary>Take a screenshot of HTML documents when their text is new (in <see cref="ScreenshotFormat"/>).</summary>
    public bool Screenshot { get; set; } = true;

    /// <summary>
    /// What the screenshot is: by default a PDF print of the page as the screen lays it out (its text
    /// kept as text, about 40 times smaller and 10 times faster than a full-page PNG of a long policy);
    /// PNG or JPEG for those who want the pixels.
    /// </summary>
    public ScreenshotFormat ScreenshotFormat { get; set; } = ScreenshotFormat.Pdf;

    /// <summary>
    /// Resolve no host name but localhost, so that nothing leaves the machine: for tests and the
    /// demo, whose fixture pages may name third-party scripts as real sites do.
    /// </summary>
    public bool LoopbackOnly { get; set; }

    /// <summary>
    /// The largest body kept of a document, both as received and as decoded from its content
    /// encoding (a small gzip may expand a thousandfold). A longer body is recorded as an
    /// <c>http-error</c> with the bytes up to the cap in the WARC, marked truncated; it is not retried.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// The largest body kept of one resource a rendered page loads (a stylesheet, a script, an
    /// image, a font, the data a script fetches). A longer one is read up to the cap, recorded
    /// <c>WARC-Truncated: length</c>, given to the browser as read, and named in the observation's detail.
    /// </summary>
    public long MaxResourceBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// The most bytes kept of all the resources of one rendered page together: a page that loads
    /// more (an endless gallery, a video) has the rest truncated as a resource over
    /// <see cref="MaxResourceBytes"/> is: kept up to what is left, marked, and named in the detail.
    /// </summary>
    public long MaxPageResourceBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The largest HTML body handed to Chromium to render. A longer one (a policy page is rarely
    /// over a few megabytes) is kept as served: archived byte-exact, its text extracted from the
    /// served bytes, with no DOM and no screenshot, and the observation's detail says so. Rendering
    /// costs memory several times the body in the browser and on the way to it (Playwright hands
    /// the body to Chromium base64-encoded), which on a page of hundreds of megabytes exceeds a small
    /// machine's memory; the served bytes are the evidence either way.
    /// </summary>
    public long MaxRenderBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// The largest body whose text is extracted. Extraction parses the whole document (an HTML page
    /// into a DOM, a PDF into its objects), which takes more than ten times the body in memory: a
    /// 300 MB page took 4 GB, a 60 MB one 0.8 GB on top of the browser (the <c>hugepage</c>
    /// benchmark). A longer HTML body — below the default <see cref="MaxBodyBytes"/>, or with the cap
    /// raised — is kept whole in the WARC file as the evidence of what was served, and recorded as an
    /// unreadable document (<c>blocked</c>, as a corrupt PDF is), without a version. Real policy pages
    /// are a few megabytes at most. PDF and Word files are read up to the body cap whatever this says:
    /// a scanned policy can weigh tens of megabytes.
    /// </summary>
    public long MaxExtractBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Networks (CIDR, e.g. 10.20.0.0/16) that captures may reach although they are private,
    /// loopback or link-local. Without them only the target's own address and port is allowed among
    /// those (see <see cref="NetworkGuard"/>).
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>User-Agent header; null uses the browser's own, with "HeadlessChrome" reported as "Chrome".</summary>
    public string? UserAgent { get; set; }
}
