using System.Text;
using System.Text.RegularExpressions;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Joins the visual lines of one paragraph back into one line, so the text does not change when
/// a document is re-typeset with other line breaks, and rejoins words hyphenated at a line end.
/// A line continues the paragraph only when the next line's first word would not have fitted at
/// its end (so the break was a wrap, not the author's), it does not end a sentence, and the next
/// line does not start a clause, a list item or a heading.
/// </summary>
internal static partial class PdfParagraphs
{
    [GeneratedRegex("""
        ^(?:
            \d+(?:\.\d+)+\.?(?=\s|$)                               # 4.2. / 4.2
          | \d+[.)](?=\s|$)                                        # 1. / 1)
          | \p{L}\)(?=\s)                                          # а) / b)
          | \(\w{1,3}\)(?=\s)                                      # (1) / (а)
          | [-–—•·▪●◦■□*+](?=\s|$)                                 # bullets and dashes of list items
          | §
          | (?:статья|бап|глава|тарау|раздел|бөлім|article|section|chapter)\s+\d
        )
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)*[.)]?|[-–—•·▪●◦■□*]|\p{L}\)|\(\w{1,3}\))$")]
    private static partial Regex Marker();

    /// <summary>A clause number or bullet standing as a word of its own ("1.1.", "–", "а)").</summary>
    public static bool IsListMarker(string word) => Marker().IsMatch(word);

    private const string Hyphens = "-\u2010\u00AD";

    public static List<string> Join(IReadOnlyList<PdfLine> lines)
    {
        var vocabulary = Vocabulary(lines);
        var output = new List<string>();
        var current = new StringBuilder();
        PdfLine? last = null;
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            if (text.Length == 0) continue;
            if (last is not null && !last.Tabular && !line.Tabular && EndsWithWordHyphen(current) && ContinuesWord(current[^2], text[0]))
            {
                if (Dehyphenate(current, text, vocabulary)) current.Length--;
                current.Append(text);
            }
            else if (last is not null && Continues(last, current, line, text))
            {
                // "№ 94-" + "V": a hyphen after a number or a capital stays, with no space.
                if (!(Hyphens.Contains(current[^1]) && current.Length > 1 && !char.IsWhiteSpace(current[^2]))) current.Append(' ');
                current.Append(text);
            }
            else
            {
                if (current.Length > 0) output.Add(current.ToString());
                current.Clear().Append(text);
            }
            last = line;
        }
        if (current.Length > 0) output.Add(current.ToString());
        return output;
    }

    private static bool Continues(PdfLine previous, StringBuilder paragraph, PdfLine next, string text)
    {
        if (previous.Tabular || next.Tabular || EndsSentence(paragraph) || BlockStart().IsMatch(text)) return false;
        if (!previous.HasGeometry || !next.HasGeometry)
            return previous.OcrParagraph >= 0 && previous.OcrParagraph == next.OcrParagraph;
        if (Math.Abs(previous.Size - next.Size) > 0.1 * previous.Size || previous.Bold != next.Bold) return false;
        if (IsCapitals(previous.Text) || IsCapitals(text)) return false; // headings are set in capitals
        if (!ContinuationIndent(previous, next)) return false;
        if (previous.Region == next.Region)
        {
            var gap = previous.Baseline - next.Baseline;
            // More than the usual spacing is a paragraph gap; a large heading has its own, larger line spacing.
            if (gap <= 0 || gap > 1.25 * Math.Max(previous.Leading, 1.2 * previous.Size)) return false;
        }
        // The wrap test: had the next line's first word fitted here, the typesetter would have put it here.
        return previous.Right + 0.2 * previous.Size + next.Words[0].Width > previous.ColumnRight;
    }

    /// <summary>
    /// A wrapped line starts at the column's edge, under the previous wrapped line, or under the
    /// text after a clause number (a hanging indent). Anything else (centred, first-line indent of
    /// a new paragraph) starts a block of its own. Indents are measured from each line's own column,
    /// so a paragraph that goes on in the next column or page is recognised too.
    /// </summary>
    private static bool ContinuationIndent(PdfLine previous, PdfLine next)
    {
        var tolerance = 0.5 * next.Size;
        var indent = next.Left - next.ColumnLeft;
        if (indent <= 2 * next.Size || Math.Abs(indent - (previous.Left - previous.ColumnLeft)) <= tolerance) return true;
        return previous.Words.Count >= 2 && BlockStart().IsMatch(previous.Text)
            && Math.Abs(indent - (previous.Words[1].Left - previous.ColumnLeft)) <= tolerance;
    }

    private static bool EndsSentence(StringBuilder s)
    {
        var i = s.Length - 1;
        while (i >= 0 && (char.IsWhiteSpace(s[i]) || "»\"”’')]".Contains(s[i]))) i--;
        return i < 0 || ".!?;:…".Contains(s[i]);
    }

    /// <summary>A line of several words in capitals; a lone abbreviation ("(ЖСН);") is not a heading.</summary>
    private static bool IsCapitals(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        return letters.Count >= 8 && text.Split(' ').Count(w => w.Any(char.IsLetter)) >= 2 && letters.All(char.IsUpper);
    }

    private static bool EndsWithWordHyphen(StringBuilder s) =>
        s.Length >= 2 && Hyphens.Contains(s[^1]) && char.IsLetter(s[^2]);

    /// <summary>After "персо-" a word goes on in lower case; after "ELE-" also in capitals ("MENT").</summary>
    private static bool ContinuesWord(char before, char next) =>
        char.IsLower(next) || (char.IsUpper(before) && char.IsUpper(next));

    /// <summary>
    /// "персо-" + "нальных" is one word; "SMS-" + "сообщений" and "веб-" + "сайт" are compounds that
    /// keep their hyphen: when the case or the script changes at the hyphen, or when the document
    /// spells the compound with a hyphen elsewhere.
    /// </summary>
    private static bool Dehyphenate(StringBuilder current, string next, HashSet<string> vocabulary)
    {
        if (current[^1] == '\u00AD') return true; // a soft hyphen only ever marks a break
        var before = current[^2];
        if (char.IsLower(before) != char.IsLower(next[0]) || IsCyrillic(before) != IsCyrillic(next[0])) return false;
        var head = new string(current.ToString()[..^1].Reverse().TakeWhile(char.IsLetter).Reverse().ToArray());
        var tail = new string(next.TakeWhile(char.IsLetter).Take(4).ToArray());
        var compound = (head + "-" + tail).ToLowerInvariant();
        return !vocabulary.Any(w => w.StartsWith(compound, StringComparison.Ordinal));
    }

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u052F';

    /// <summary>Every hyphenated word the document spells within a line (compared by the first letters after the hyphen, as endings vary).</summary>
    private static HashSet<string> Vocabulary(IReadOnlyList<PdfLine> lines) =>
        lines.SelectMany(l => l.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim(',', '.', ';', ':', '!', '?', '(', ')', '«', '»', '"', '“', '”').ToLowerInvariant())
            .Where(w => w.Length > 2 && w.IndexOfAny(['-', '\u2010']) is > 0 and var i && i < w.Length - 1)
            .ToHashSet();
}
