namespace PolicyArchiver.Extraction;

/// <summary>One word of a PDF page with where it sits (PDF points, y grows upwards).</summary>
internal sealed record PdfWord(string Text, double Left, double Right, double Baseline, double Size, bool Bold)
{
    public double Width => Right - Left;
}

/// <summary>
/// One visual line of a PDF page. Lines read from the text layer carry their words' geometry;
/// lines read by OCR carry only text and the OCR paragraph they belong to.
/// </summary>
internal sealed record PdfLine(string Text, IReadOnlyList<PdfWord> Words)
{
    public static PdfLine FromWords(IReadOnlyList<PdfWord> words) => new(JoinWords(words), words);

    public static PdfLine FromOcr(string text, int paragraph) => new(text, []) { OcrParagraph = paragraph };

    public bool HasGeometry => Words.Count > 0;
    public double Left => Words[0].Left;
    public double Right => Words[^1].Right;
    public double Baseline => Words.Average(w => w.Baseline);
    public double Size => Words.Select(w => w.Size).Order().ElementAt(Words.Count / 2);
    public bool Bold => Words.Count(w => w.Bold) * 2 > Words.Count;

    /// <summary>The left and right edges of the column (or full-width region) the line was laid out in.</summary>
    public double ColumnLeft { get; init; }
    public double ColumnRight { get; init; }

    /// <summary>The usual distance between baselines in the line's region; 0 when unknown.</summary>
    public double Leading { get; init; }

    /// <summary>Lines of one region follow each other vertically; a new region is a column or page break.</summary>
    public int Region { get; init; } = -1;

    /// <summary>A table row: its text is its cells joined by " | ", and it is never part of a paragraph.</summary>
    public bool Tabular { get; init; }

    /// <summary>Tesseract's paragraph (blank-line separated block) for OCR lines; -1 for text-layer lines.</summary>
    public int OcrParagraph { get; init; } = -1;

    /// <summary>Words are separated by a space unless the PDF placed them touching (a word split by kerning).</summary>
    private static string JoinWords(IReadOnlyList<PdfWord> words)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0 && words[i].Left - words[i - 1].Right > 0.1 * words[i].Size) sb.Append(' ');
            sb.Append(words[i].Text);
        }
        return sb.ToString();
    }
}
