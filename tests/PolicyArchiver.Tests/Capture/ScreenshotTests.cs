using System.Buffers.Binary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Capture;
using PolicyArchiver.Evidence.Warc;
using PolicyArchiver.Tests.Support;
using UglyToad.PdfPig;

namespace PolicyArchiver.Tests.Capture;

/// <summary>
/// The screenshot of a new version: by default the page printed to PDF as the screen lays it out,
/// its text kept as text; PNG or JPEG pixels when asked. Captured from a policy many screens tall
/// (Fixtures/screenshots/), in the storage the test run is configured with.
/// </summary>
public sealed class ScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string Key = "screenshots/privacy-policy-ru";

    /// <summary>The viewport's width (ChromiumBrowser) in PDF points: 1280 CSS px at 96 to the inch, 72 points to the inch.</summary>
    private const double PageWidthPoints = 1280 * 0.75;

    /// <summary>A4's proportions at that width.</summary>
    private const double PageHeightPoints = 1280 * 297 / 210 * 0.75;

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "screenshots");

    private WebApplication _site = null!;
    private Uri _baseUrl = null!;

    public async Task InitializeAsync()
    {
        (_site, _baseUrl) = await LoopbackServer.StartAsync(app => app.MapGet("/{page}.html", (string page) =>
            File.Exists(Path.Combine(Root, page + ".html"))
                ? Results.Content(File.ReadAllText(Path.Combine(Root, page + ".html")), "text/html; charset=utf-8")
                : Results.NotFound()));
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private async Task<TempArchive> ArchiveAsync() => await TempArchive.CreateAsync(
        (await File.ReadAllTextAsync(Path.Combine(Root, "targets.json"))).Replace("{{base}}", _baseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal),
        testStorage: true);

    /// <summary>Captures the long policy once; returns its screenshot's bytes and the WARC resource record that holds them.</summary>
    private async Task<(byte[] Screenshot, WarcRecord Record)> CaptureAsync(TempArchive temp, CaptureOptions options)
    {
        var observation = await temp.Archivist(chromium.Browser, options).CaptureAsync(temp.Targets.Find(Key)!, CancellationToken.None);
        Assert.Equal((Outcome.Ok, true), (observation.Outcome, observation.NewVersion));
        var sha = (await temp.Archive.Catalog.GetSnapshotAsync(observation.Id))!.ScreenshotSha256;
        Assert.NotNull(sha);
        var screenshot = await temp.Archive.Blobs.GetAsync(sha);
        var location = await temp.Archive.Catalog.FindBlockAsync("screenshot", WarcDigest.Prefix + sha);
        Assert.NotNull(location);
        var record = WarcReader.ReadMember(await temp.Archive.WarcStore.ReadAsync(location.File, location.Offset, location.Length), location.File);
        Assert.Equal("resource", record.Type);
        Assert.Equal(screenshot, record.Block);
        return (screenshot, record);
    }

    [Fact]
    public async Task A_new_version_is_printed_to_a_pdf_of_screen_wide_pages_that_keeps_the_page_text_as_text()
    {
        using var temp = await ArchiveAsync();
        var (pdf, record) = await CaptureAsync(temp, ChromiumFixture.Options());

        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Assert.Equal("application/pdf", record["Content-Type"]);
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        Assert.True(pages.Count >= 3, $"a policy many screens tall runs over several pages, not {pages.Count}");
        Assert.All(pages, p =>
        {
            Assert.Equal(PageWidthPoints, p.Width, 1.0);
            Assert.Equal(PageHeightPoints, p.Height, 1.0);
        });
        Assert.Contains("Политика обработки персональных данных (полная редакция)", Words(pages[0]));
        Assert.Contains("Конец политики: настоящая редакция вступает в силу", string.Concat(pages.Skip(pages.Count - 2).Select(Words)));
    }

    [Theory]
    [InlineData(nameof(ScreenshotFormat.Png), new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, "image/png")]
    [InlineData(nameof(ScreenshotFormat.Jpeg), new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg")]
    public async Task Png_or_jpeg_when_asked_keeps_the_full_page_in_pixels(string name, byte[] magic, string mediaType)
    {
        using var temp = await ArchiveAsync();
        var options = ChromiumFixture.Options();
        var format = Enum.Parse<ScreenshotFormat>(name);
        options.ScreenshotFormat = format;
        var (picture, record) = await CaptureAsync(temp, options);

        Assert.Equal(magic, picture[..magic.Length]);
        Assert.Equal(mediaType, record["Content-Type"]);
        if (format == ScreenshotFormat.Png)
        {
            // IHDR: the width and height in pixels, big-endian, after the signature and the chunk's length and type.
            var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(picture.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(picture.AsSpan(20)));
            Assert.Equal(1280, width);
            Assert.True(height > 3 * 1810, $"the whole page, not one screen: {height} px");
        }
    }

    private static string Words(UglyToad.PdfPig.Content.Page page) => string.Join(' ', page.GetWords().Select(w => w.Text));
}
