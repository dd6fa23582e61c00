using System.Text;
using System.Text.RegularExpressions;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Removes what a page repeats around the document: running headers and footers (the same line,
/// digits aside, at the top or bottom of most pages) and page numbers in Russian, Kazakh and
/// English. They are typesetting, not policy text, and would turn every re-pagination into a change.
/// </summary>
internal static partial class PdfPageFurniture
{
    /// <summary>How many rows at each edge of a page may be furniture.</summary>
    private const int EdgeRows = 3;

    [GeneratedRegex("""
        ^(?:
            (?:страница|стр\.?|с\.|бет|page|pg\.?|p\.)\s*\d+(?:\s*(?:из|/|of|от)\s*\d+)?               # Страница 3 из 12, Стр. 3, Бет 3 / 12, Page 3 of 12
          | \d+\s*[-–]?\s*(?:бет|б\.)(?:\s*(?:/|из)\s*\d+)?                                               # 3-бет, 3 бет
          | \d+\s*(?:/|из|of)\s*\d+                                                                        # 3 / 12, 3 из 12
          | [-–—]\s*\d+\s*[-–—]                                                                            # - 3 -
          | \[?\d+\]?                                                                                      # 3
          | (?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})                     # iv (front matter)
        )$
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    public static bool IsPageNumber(string line) => PageNumber().IsMatch(TextNormalizer.NormalizeLine(line));

    /// <summary>Each page's rows without the furniture at its top and bottom edges.</summary>
    public static List<List<PdfLine>> Remove(IReadOnlyList<IReadOnlyList<PdfLine>> pages)
    {
        var top = Repeated(pages, rows => rows.Take(EdgeRows));
        var bottom = Repeated(pages, rows => rows.Reverse().Take(EdgeRows));
        var result = new List<List<PdfLine>>();
        foreach (var rows in pages)
        {
            var kept = new List<PdfLine>();
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var atTop = i < EdgeRows;
                var atBottom = i >= rows.Count - EdgeRows;
                var furniture = (atTop || atBottom) && (IsPageNumber(row.Text) || (atTop && IsRepeated(top, row)) || (atBottom && IsRepeated(bottom, row)));
                if (!furniture) kept.Add(row);
            }
            result.Add(kept);
        }
        return result;
    }

    /// <summary>
    /// A repeated row in the header's own type size: a title page often opens with the same words
    /// as the running header, set larger, and that title is text.
    /// </summary>
    private static bool IsRepeated(Dictionary<string, double> repeated, PdfLine row) =>
        repeated.TryGetValue(Key(row.Text), out var size) && (size == 0 || !row.HasGeometry || Math.Abs(row.Size - size) <= 0.15 * size);

    /// <summary>Keys of edge rows that at least half the pages (and at least two) share, with their usual type size (0 if unknown).</summary>
    private static Dictionary<string, double> Repeated(IReadOnlyList<IReadOnlyList<PdfLine>> pages, Func<IEnumerable<PdfLine>, IEnumerable<PdfLine>> edge)
    {
        var seen = new Dictionary<string, List<PdfLine>>();
        foreach (var rows in pages)
            foreach (var group in edge(rows).GroupBy(r => Key(r.Text)).Where(g => g.Key.Length > 0))
                (seen.TryGetValue(group.Key, out var list) ? list : seen[group.Key] = []).Add(group.First());
        return seen.Where(s => s.Value.Count >= 2 && s.Value.Count * 2 >= pages.Count)
            .ToDictionary(s => s.Key, s => s.Value.Where(r => r.HasGeometry).Select(r => r.Size).Order().ElementAtOrDefault(s.Value.Count(r => r.HasGeometry) / 2));
    }

    /// <summary>A row's text with page numbers, case and spacing ignored.</summary>
    private static string Key(string text) =>
        Digits().Replace(TextNormalizer.NormalizeLine(text), "#").ToLowerInvariant().Normalize(NormalizationForm.FormC);
}
