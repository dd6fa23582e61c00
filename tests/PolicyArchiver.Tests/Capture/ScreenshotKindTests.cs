using PolicyArchiver.Capture;
using PolicyArchiver.Snapshots;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Capture;

/// <summary>A stored screenshot says what it is by its first bytes: old archives hold PNGs, new ones PDFs.</summary>
public class ScreenshotKindTests
{
    [Theory]
    [InlineData("255044462D312E340A", "application/pdf", ".pdf")] // %PDF-1.4
    [InlineData("89504E470D0A1A0A", "image/png", ".png")]
    [InlineData("FFD8FFE000104A46", "image/jpeg", ".jpg")]
    [InlineData("3C68746D6C3E", "application/octet-stream", ".bin")] // <html>: not a screenshot
    [InlineData("", "application/octet-stream", ".bin")]
    public void The_format_is_read_from_the_magic_bytes(string hex, string mediaType, string extension)
    {
        var format = ScreenshotKind.Of(Convert.FromHexString(hex));
        Assert.Equal((mediaType, extension), (ScreenshotKind.MediaType(format), ScreenshotKind.Extension(format)));
        Assert.Equal(format is ScreenshotFormat.Png or ScreenshotFormat.Jpeg, ScreenshotKind.IsImage(format));
    }

    [Fact]
    public async Task A_stored_screenshot_is_known_by_the_head_of_its_blob()
    {
        using var temp = await TempArchive.CreateAsync("""{ "companies": [] }""", testStorage: true);
        var pdf = await temp.Archive.Blobs.PutAsync("%PDF-1.7\n%âãÏÓ\n1 0 obj"u8.ToArray());
        var png = await temp.Archive.Blobs.PutAsync(Convert.FromHexString("89504E470D0A1A0A0000000D49484452"));
        Assert.Equal(ScreenshotFormat.Pdf, await ScreenshotKind.OfStoredAsync(temp.Archive.Blobs, pdf, CancellationToken.None));
        Assert.Equal(ScreenshotFormat.Png, await ScreenshotKind.OfStoredAsync(temp.Archive.Blobs, png, CancellationToken.None));
    }
}
