using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace PolicyArchiver.Extraction;

/// <summary>A page's text-layer rows (top to bottom), or the note that the page is a scan to OCR.</summary>
internal sealed record PdfPageText(int Number, IReadOnlyList<PdfLine> Rows, bool NeedsOcr, bool InvisibleText);

/// <summary>Reads the words of each page and groups them into rows by baseline.</summary>
internal static class PdfPageReader
{
    /// <summary>Fewer visible characters than this on a page with an image means a scan (a stamp or a page number is not a text layer).</summary>
    private const int MinTextLayerLetters = 10;

    public static List<PdfPageText> Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = new List<PdfPageText>();
        foreach (var page in document.GetPages())
        {
            var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            if (letters.Count < MinTextLayerLetters && page.GetImages().Any())
            {
                pages.Add(new PdfPageText(page.Number, [], NeedsOcr: true, InvisibleText: false));
                continue;
            }
            // Scans that went through OCR elsewhere carry invisible text over the image: readable, but OCR-derived.
            var invisible = letters.Count > 0 && letters.Count(l => l.RenderingMode == TextRenderingMode.Neither) * 2 > letters.Count;
            pages.Add(new PdfPageText(page.Number, Rows(page), NeedsOcr: false, invisible));
        }
        return pages;
    }

    private static List<PdfLine> Rows(Page page)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters)
            .Where(w => !string.IsNullOrWhiteSpace(w.Text))
            .ToList();
        var rows = Group(words.Where(w => w.TextOrientation == TextOrientation.Horizontal).Select(ToWord).ToList());
        // Vertical text (a margin note) has no place in the horizontal flow: it goes after the page's body.
        // Text at other angles is a watermark ("ОБРАЗЕЦ" across the page), not part of the document.
        var rotated = words.Where(w => w.TextOrientation is TextOrientation.Rotate90 or TextOrientation.Rotate270 or TextOrientation.Rotate180).ToList();
        if (rotated.Count > 0)
            rows.Add(new PdfLine(string.Join(" ", rotated.Select(w => w.Text)), []));
        return rows;
    }

    private static PdfWord ToWord(Word w)
    {
        var letters = w.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var size = letters.Count > 0 ? letters.Max(l => l.PointSize) : 0;
        if (size <= 0) size = Math.Max(1, w.BoundingBox.Height);
        var bold = letters.Count(l => IsBold(l.FontName)) * 2 > letters.Count;
        return new PdfWord(w.Text, w.BoundingBox.Left, w.BoundingBox.Right, letters.Count > 0 ? letters[0].StartBaseLine.Y : w.BoundingBox.Bottom, size, bold);
    }

    private static bool IsBold(string? font) =>
        font is not null && (font.Contains("Bold", StringComparison.OrdinalIgnoreCase) || font.Contains("Black", StringComparison.OrdinalIgnoreCase) || font.Contains("Heavy", StringComparison.OrdinalIgnoreCase));

    /// <summary>Words whose baselines are within a third of the font size share a row; rows go top to bottom.</summary>
    internal static List<PdfLine> Group(List<PdfWord> words)
    {
        var rows = new List<List<PdfWord>>();
        foreach (var word in words.OrderByDescending(w => w.Baseline).ThenBy(w => w.Left))
        {
            var row = rows.Count > 0 ? rows[^1] : null;
            if (row is not null && Math.Abs(row[0].Baseline - word.Baseline) <= 0.35 * Math.Min(row[0].Size, word.Size)) row.Add(word);
            else rows.Add([word]);
        }
        return rows.Select(r => PdfLine.FromWords(r.OrderBy(w => w.Left).ToList())).ToList();
    }
}
