using Microsoft.Playwright;

namespace PolicyArchiver.Capture;

/// <summary>
/// When a rendered page has settled: its load event, then the network's quiet. Playwright's
/// network-idle state is 500 ms without a request, on every page; measured on a 120 KB policy,
/// Chromium spends about 0.36 CPU-seconds of its own in that half second (BENCHMARKS.md, issue 14),
/// a quarter of a render. So a page with nothing in flight at its load event, that starts no
/// request in the <see cref="QuietWindow"/> after it, has settled then; a page that does start one
/// (a script fetching the policy's text, at once or after a moment) is awaited to network idle as
/// before. Either wait ends at the settle timeout, and what has rendered by then is kept.
/// </summary>
internal sealed class PageSettle
{
    /// <summary>Long enough for a script's timer or a request already on its way to show itself; short next to network idle.</summary>
    public static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(150);

    private int _inFlight;
    private int _started;

    private PageSettle(IPage page)
    {
        page.Request += (_, _) =>
        {
            Interlocked.Increment(ref _inFlight);
            Interlocked.Increment(ref _started);
        };
        page.RequestFinished += (_, _) => Interlocked.Decrement(ref _inFlight);
        page.RequestFailed += (_, _) => Interlocked.Decrement(ref _inFlight);
    }

    /// <summary>Starts counting the page's requests: call it before the page navigates.</summary>
    public static PageSettle Watch(IPage page) => new(page);

    public async Task WaitAsync(IPage page, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        await UntilAsync(page, LoadState.Load, timeout, ct);
        var started = Volatile.Read(ref _started);
        await Task.Delay(QuietWindow, time, ct);
        if (Volatile.Read(ref _inFlight) <= 0 && Volatile.Read(ref _started) == started) return;
        await UntilAsync(page, LoadState.NetworkIdle, timeout, ct);
    }

    private static async Task UntilAsync(IPage page, LoadState state, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await page.WaitForLoadStateAsync(state, new PageWaitForLoadStateOptions { Timeout = (float)timeout.TotalMilliseconds }).WaitAsync(ct);
        }
        catch (TimeoutException)
        {
            // An image that never arrives, a page that polls forever: what has rendered by now is what we keep.
        }
    }
}
