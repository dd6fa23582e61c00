using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Text of a PDF in reading order. <see cref="ContentOrderTextExtractor"/> gives one line per
/// visual line with correct Unicode; <c>page.Text</c> glues words together and is not used.
/// </summary>
public static class PdfExtractor
{
    public static string Extract(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var lines = new List<string>();
        foreach (var page in document.GetPages())
            lines.Add(ContentOrderTextExtractor.GetText(page));
        return TextNormalizer.Join(lines);
    }

    public static bool IsPdf(ReadOnlySpan<byte> body, string? contentType) =>
        body.StartsWith("%PDF-"u8) || (contentType?.Contains("application/pdf", StringComparison.OrdinalIgnoreCase) ?? false);
}
