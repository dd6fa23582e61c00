namespace PolicyArchiver.Extraction;

/// <summary>
/// Text of a PDF as a reader sees it: columns in reading order, without running headers, footers
/// and page numbers, with each paragraph on one line and hyphenated words rejoined. Pages without
/// a text layer (scans) are read by OCR. See <see cref="PdfColumns"/>, <see cref="PdfPageFurniture"/>,
/// <see cref="PdfParagraphs"/> and <see cref="PdfOcr"/> for the heuristics.
/// </summary>
internal static class PdfExtractor
{
    public static bool IsPdf(ReadOnlySpan<byte> body, string? contentType) =>
        body.StartsWith("%PDF-"u8) || (contentType?.Contains("application/pdf", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>The document's text; scanned pages are OCR'd, which marks the result <see cref="ExtractedText.OcrDerived"/>.</summary>
    /// <exception cref="InvalidOperationException">A page needs OCR and tesseract or pdftoppm is missing or fails.</exception>
    public static async Task<ExtractedText> ExtractAsync(byte[] pdf, CancellationToken ct = default)
    {
        var pages = PdfPageReader.Read(pdf);
        var scanned = pages.Where(p => p.NeedsOcr).Select(p => p.Number).ToList();
        var ocr = scanned.Count > 0 ? await PdfOcr.ReadAsync(pdf, scanned, ct) : [];
        var rows = pages.Select(p => (IReadOnlyList<PdfLine>)(p.NeedsOcr ? ocr[p.Number] : p.Rows)).ToList();
        return new ExtractedText(Compose(rows), OcrDerived: scanned.Count > 0 || pages.Any(p => p.InvisibleText));
    }

    /// <summary>The text layer only, without OCR: a scanned page contributes nothing.</summary>
    public static string Extract(byte[] pdf) => Compose(PdfPageReader.Read(pdf).Select(p => p.Rows).ToList());

    private static string Compose(IReadOnlyList<IReadOnlyList<PdfLine>> pages)
    {
        var region = 0;
        var lines = new List<PdfLine>();
        foreach (var rows in PdfPageFurniture.Remove(pages)) lines.AddRange(PdfColumns.Order(rows, ref region));
        return TextNormalizer.Join(PdfParagraphs.Join(lines));
    }
}
