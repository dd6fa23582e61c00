using Microsoft.Playwright;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// Prints HTML to a multi-page PDF with the same Chromium the program uses: a real text layer
/// with embedded Cyrillic fonts, as companies' "Save as PDF" documents have.
/// </summary>
public sealed class PdfPrinter : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PdfPrinter(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<PdfPrinter> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("POLICYARCHIVER_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
        return new PdfPrinter(playwright, browser);
    }

    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var page = await _browser.NewPageAsync();
        try
        {
            await page.SetContentAsync(html);
            return await page.PdfAsync(new PagePdfOptions { Format = "A4", Margin = new Margin { Top = "2cm", Bottom = "2cm", Left = "2cm", Right = "2cm" } });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
