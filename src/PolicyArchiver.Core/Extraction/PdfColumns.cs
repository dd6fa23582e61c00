namespace PolicyArchiver.Extraction;

/// <summary>
/// Puts a page's rows in reading order. A run of rows that share a vertical gutter (a band no
/// word crosses, with text on both sides) is a multi-column block: its left column is read top
/// to bottom, then its right one. Rows that cross the gutter (full-width text) end the block.
/// </summary>
internal static class PdfColumns
{
    /// <summary>Two levels of splitting read up to four columns.</summary>
    private const int MaxDepth = 3;

    /// <summary>Fewer rows on either side of a gap are a signature line or a river of spaces, not columns.</summary>
    private const int MinRowsPerSide = 3;

    private sealed record Block(int Rows, double GutterLeft, double GutterRight);

    /// <summary>The page's rows in reading order, each tagged with its region and the region's edges.</summary>
    public static List<PdfLine> Order(IReadOnlyList<PdfLine> rows, ref int region)
    {
        var geometric = rows.Where(r => r.HasGeometry).ToList();
        var output = new List<PdfLine>();
        if (geometric.Count > 0)
            Lay(geometric, geometric.Min(r => r.Left), geometric.Max(r => r.Right), output, ref region, 0);
        foreach (var other in rows.Where(r => !r.HasGeometry)) output.Add(other with { Region = ++region });
        return output;
    }

    private static void Lay(List<PdfLine> rows, double left, double right, List<PdfLine> output, ref int region, int depth)
    {
        var pending = new List<PdfLine>();
        var i = 0;
        while (i < rows.Count)
        {
            var block = depth < MaxDepth ? FindBlock(rows, i, left, right) : null;
            if (block is null)
            {
                pending.Add(rows[i++]);
                continue;
            }
            Emit(pending, left, right, output, ref region);
            pending.Clear();
            var run = rows.GetRange(i, block.Rows);
            var leftRows = Side(run, w => w.Right <= block.GutterLeft);
            var rightRows = Side(run, w => w.Left >= block.GutterRight);
            Lay(leftRows, leftRows.Min(r => r.Left), leftRows.Max(r => r.Right), output, ref region, depth + 1);
            Lay(rightRows, rightRows.Min(r => r.Left), rightRows.Max(r => r.Right), output, ref region, depth + 1);
            i += block.Rows;
        }
        Emit(pending, left, right, output, ref region);
    }

    private static List<PdfLine> Side(List<PdfLine> run, Func<PdfWord, bool> onSide) =>
        run.Select(r => r.Words.Where(onSide).ToList()).Where(w => w.Count > 0).Select(PdfLine.FromWords).ToList();

    /// <summary>Rows read one after another: one region, with its edges and usual line spacing.</summary>
    private static void Emit(List<PdfLine> rows, double left, double right, List<PdfLine> output, ref int region)
    {
        if (rows.Count == 0) return;
        region++;
        var leading = Leading(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] with { ColumnLeft = left, ColumnRight = right, Leading = leading, Region = region };
            var tabular = (i > 0 && SharesGap(rows[i - 1], row)) || (i + 1 < rows.Count && SharesGap(row, rows[i + 1]));
            output.Add(tabular ? row with { Text = Cells(row), Tabular = true } : row);
        }
    }

    /// <summary>
    /// Neighbouring rows with a wide gap at the same place, that did not make a column block, are
    /// table rows: their cells are written "a | b" like the tables of HTML and Word documents.
    /// </summary>
    private static bool SharesGap(PdfLine a, PdfLine b)
    {
        if (IsJustified(a) || IsJustified(b)) return false;
        var min = MinGutter(a);
        foreach (var (a1, a2) in Gaps(a, min))
            foreach (var (b1, b2) in Gaps(b, min))
                // Cells are aligned: the next cell starts (or the cell before ends) at the same x in both rows.
                if (Math.Min(a2, b2) - Math.Max(a1, b1) >= min && (Math.Abs(a2 - b2) < 1 || Math.Abs(a1 - b1) < 1)) return true;
        return false;
    }

    /// <summary>A justified line spreads its words with equal gaps, however wide; a table row's cell gaps differ from its word gaps.</summary>
    private static bool IsJustified(PdfLine row)
    {
        if (row.Words.Count < 3) return false;
        var gaps = row.Words.Zip(row.Words.Skip(1), (x, y) => y.Left - x.Right).ToList();
        return gaps.Max() - gaps.Min() <= 0.5 + 0.05 * row.Size;
    }

    /// <summary>Wide gaps inside a row, except the tab after a clause number or bullet ("1.1.⇥Текст").</summary>
    private static IEnumerable<(double A, double B)> Gaps(PdfLine row, double min) =>
        row.Words.Zip(row.Words.Skip(1), (x, y) => (x, y))
            .Where((p, i) => p.y.Left - p.x.Right >= min && !(i == 0 && PdfParagraphs.IsListMarker(p.x.Text)))
            .Select(p => (p.x.Right, p.y.Left));

    private static string Cells(PdfLine row)
    {
        var min = MinGutter(row);
        var cells = new List<List<PdfWord>> { new() { row.Words[0] } };
        var gaps = Gaps(row, min).ToHashSet();
        foreach (var (x, y) in row.Words.Zip(row.Words.Skip(1)))
        {
            if (gaps.Contains((x.Right, y.Left))) cells.Add([]);
            cells[^1].Add(y);
        }
        return string.Join(" | ", cells.Select(c => PdfLine.FromWords(c).Text));
    }

    /// <summary>Gutters and table gaps are wider than any space between words of a line.</summary>
    private static double MinGutter(PdfLine row) => 1.2 * row.Size;

    /// <summary>The median distance between neighbouring baselines that are not paragraph or section gaps.</summary>
    internal static double Leading(IReadOnlyList<PdfLine> rows)
    {
        var size = Median(rows.Select(r => r.Size).ToList());
        var gaps = rows.Zip(rows.Skip(1), (a, b) => a.Baseline - b.Baseline).Where(d => d > 0.5 * size && d < 2.5 * size).ToList();
        return gaps.Count > 0 ? Median(gaps) : 1.2 * size;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[values.Count / 2];
    }

    /// <summary>
    /// The column block starting at row <paramref name="start"/>, or null. Candidate gutters are the
    /// row's wide gaps and the free space beside it (the columns' baselines need not line up), each
    /// narrowed row by row until a row crosses it. A band may split on the way (a justified heading
    /// with gaps wider than the gutter): every part is followed.
    /// </summary>
    private static Block? FindBlock(List<PdfLine> rows, int start, double left, double right)
    {
        var row = rows[start];
        var minGutter = MinGutter(row);
        var active = new List<(double A, double B)> { (left, row.Left), (row.Right, right) };
        for (var k = 0; k + 1 < row.Words.Count; k++) active.Add((row.Words[k].Right, row.Words[k + 1].Left));
        active.RemoveAll(band => band.B - band.A < minGutter);
        var finished = new List<(double A, double B, int End)>();
        for (var j = start + 1; active.Count > 0; j++)
        {
            var next = new List<(double A, double B)>();
            foreach (var band in active)
            {
                var parts = j < rows.Count ? Free(band.A, band.B, rows[j].Words).Where(p => p.B - p.A >= minGutter).ToList() : [];
                if (parts.Count == 0) finished.Add((band.A, band.B, j - 1));
                next.AddRange(parts);
            }
            active = next.Distinct().ToList();
        }
        return finished.Select(f => Validate(rows, start, f.End, f.A, f.B, right - left)).OfType<Block>().MaxBy(b => b.Rows);
    }

    private static Block? Validate(List<PdfLine> rows, int start, int end, double a, double b, double width)
    {
        bool HasLeft(PdfLine r) => r.Words.Any(w => w.Right <= a);
        bool HasRight(PdfLine r) => r.Words.Any(w => w.Left >= b);
        var run = Enumerable.Range(start, end - start + 1).ToList();
        var lefts = run.Where(j => HasLeft(rows[j])).ToList();
        var rights = run.Where(j => HasRight(rows[j])).ToList();
        if (lefts.Count < MinRowsPerSide || rights.Count < MinRowsPerSide) return null;
        // Columns stand side by side: text above on the left and below on the right is not two columns.
        if (Math.Max(lefts[0], rights[0]) > Math.Min(lefts[^1], rights[^1])) return null;

        // Columns are text: both sides are wide, not a column of short labels next to values.
        var leftParts = lefts.Select(j => Span(rows[j].Words.Where(w => w.Right <= a))).ToList();
        var rightParts = rights.Select(j => Span(rows[j].Words.Where(w => w.Left >= b))).ToList();
        if (Median(leftParts.Select(p => p.Right - p.Left).ToList()) < 0.25 * width || Median(rightParts.Select(p => p.Right - p.Left).ToList()) < 0.25 * width) return null;

        // A column of wrapped text fills its lines up to the gutter; a table column of short cells does not.
        var gutterSide = leftParts.Max(p => p.Right);
        var columnWidth = gutterSide - leftParts.Min(p => p.Left);
        if (Median(leftParts.Select(p => gutterSide - p.Right).ToList()) > 0.2 * columnWidth) return null;

        // A right column starts its lines on one vertical edge (list items may be indented from it);
        // a river of wide spaces in justified text has no such edge.
        var edge = rightParts.Min(p => p.Left);
        if (rightParts.Count(p => p.Left - edge < 1.5) < MinRowsPerSide) return null;

        // Once the shorter column has ended, the longer one goes on while its lines keep their spacing;
        // a larger gap means what follows is full-width text (a heading) that happens to miss the gutter.
        var last = Math.Min(lefts[^1], rights[^1]);
        var leading = Math.Min(Leading(lefts.Select(j => rows[j]).ToList()), Leading(rights.Select(j => rows[j]).ToList()));
        var previous = rows[last];
        for (var j = last + 1; j <= end; j++)
        {
            if (previous.Baseline - rows[j].Baseline > 1.5 * leading) break;
            previous = rows[j];
            last = j;
        }
        return new Block(last - start + 1, a, b);
    }

    private static (double Left, double Right) Span(IEnumerable<PdfWord> words)
    {
        var list = words.ToList();
        return (list.Min(w => w.Left), list.Max(w => w.Right));
    }

    /// <summary>The parts of the band (a, b) that none of the words covers.</summary>
    private static List<(double A, double B)> Free(double a, double b, IReadOnlyList<PdfWord> words)
    {
        var parts = new List<(double A, double B)> { (a, b) };
        foreach (var w in words)
        {
            var next = new List<(double A, double B)>();
            foreach (var (pa, pb) in parts)
            {
                if (w.Right <= pa || w.Left >= pb)
                {
                    next.Add((pa, pb));
                    continue;
                }
                if (w.Left > pa) next.Add((pa, w.Left));
                if (w.Right < pb) next.Add((w.Right, pb));
            }
            parts = next;
        }
        return parts;
    }
}
