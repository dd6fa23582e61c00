namespace PolicyArchiver.Capture;

/// <summary>What the picture of a rendered page is taken as (<see cref="CaptureOptions.ScreenshotFormat"/>).</summary>
internal enum ScreenshotFormat
{
    /// <summary>
    /// The page printed to PDF as the screen shows it: its text stays text (selectable, legible at any
    /// zoom) and a long policy weighs a few hundred kilobytes instead of megabytes of pixels.
    /// </summary>
    Pdf,

    /// <summary>A full-page PNG: every pixel, lossless, as archives made before PDF hold it.</summary>
    Png,

    /// <summary>A full-page JPEG at a quality that keeps text legible: smaller than a PNG only on pages full of photographs.</summary>
    Jpeg,
}
