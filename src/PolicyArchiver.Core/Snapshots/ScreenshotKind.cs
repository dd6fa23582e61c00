using PolicyArchiver.Capture;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Snapshots;

/// <summary>
/// What a stored screenshot is, read from its own first bytes: archives made before PDF screenshots
/// hold PNGs, newer ones PDFs (or JPEGs when asked), and the catalog records only the digest. Every
/// place that serves or names a screenshot — the WARC resource record, the web, evidence bundles,
/// exports — asks here.
/// </summary>
internal static class ScreenshotKind
{
    /// <summary>Enough of the head to tell the three formats apart.</summary>
    private const int MagicLength = 8;

    /// <returns>Null when the bytes are none of the formats a capture takes.</returns>
    public static ScreenshotFormat? Of(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? ScreenshotFormat.Pdf
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) ? ScreenshotFormat.Png
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? ScreenshotFormat.Jpeg
        : null;

    /// <summary>The format of a stored screenshot, from the first bytes of its blob only (an old PNG may weigh megabytes).</summary>
    public static async Task<ScreenshotFormat?> OfStoredAsync(IBlobStore blobs, string sha256, CancellationToken ct)
    {
        await using var stream = await blobs.OpenReadAsync(sha256, ct: ct); // screenshots are always stored whole
        var head = new byte[MagicLength];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        return Of(head.AsSpan(0, read));
    }

    public static string MediaType(ScreenshotFormat? format) => format switch
    {
        ScreenshotFormat.Pdf => "application/pdf",
        ScreenshotFormat.Png => "image/png",
        ScreenshotFormat.Jpeg => "image/jpeg",
        _ => "application/octet-stream",
    };

    /// <summary>The file extension, with its dot: <c>screenshot.png</c> stays the name of a PNG, as in older bundles and exports.</summary>
    public static string Extension(ScreenshotFormat? format) => format switch
    {
        ScreenshotFormat.Pdf => ".pdf",
        ScreenshotFormat.Png => ".png",
        ScreenshotFormat.Jpeg => ".jpg",
        _ => ".bin",
    };

    /// <summary>Shown as an image in a page; a PDF is embedded as a document instead.</summary>
    public static bool IsImage(ScreenshotFormat? format) => format is ScreenshotFormat.Png or ScreenshotFormat.Jpeg;
}
