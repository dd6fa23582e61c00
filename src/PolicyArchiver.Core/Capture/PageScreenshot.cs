using Microsoft.Playwright;

namespace PolicyArchiver.Capture;

/// <summary>The picture of a rendered page kept beside its DOM, in the configured <see cref="ScreenshotFormat"/>.</summary>
internal static class PageScreenshot
{
    /// <summary>
    /// A JPEG's quality, high enough for small letters to stay legible. On a page of text a JPEG is no
    /// smaller than a PNG (5.2 MB against 4.6 MB for a 120 KB policy): it pays on pages full of photographs.
    /// </summary>
    public const int JpegQuality = 70;

    /// <summary>The width the page is laid out at when the browser says none (the context's viewport, see <see cref="ChromiumBrowser"/>).</summary>
    private const int DefaultWidth = 1280;

    public static async Task<byte[]> TakeAsync(IPage page, ScreenshotFormat format) => format switch
    {
        ScreenshotFormat.Pdf => await PrintAsync(page),
        ScreenshotFormat.Jpeg => await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Jpeg, Quality = JpegQuality }),
        _ => await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Png }),
    };

    /// <summary>
    /// Prints the page as the screen shows it: screen media (a site's print stylesheet hides menus,
    /// banners and colours, and what a reader saw is the evidence), backgrounds printed, no margins,
    /// and a paper as wide as the viewport so that the layout is the screen's, not a narrower print
    /// one. The paper is A4-proportioned at that width, so a long policy runs over pages that viewers
    /// and printers handle, not one strip tens of thousands of pixels tall.
    /// </summary>
    private static async Task<byte[]> PrintAsync(IPage page)
    {
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        var width = page.ViewportSize?.Width ?? DefaultWidth;
        return await page.PdfAsync(new PagePdfOptions
        {
            Width = $"{width}px",
            Height = $"{width * 297 / 210}px",
            PrintBackground = true,
            PreferCSSPageSize = false,
            Margin = new Margin { Top = "0", Right = "0", Bottom = "0", Left = "0" },
        });
    }
}
