using System.Text.RegularExpressions;

namespace PolicyArchiver.Insight.Clauses;

/// <summary>
/// Recognises how the policies of Kazakh companies number their clauses: «5.2. …», «3.1) …»,
/// «1.2.3 …», «1. …», «1) …», Kazakh «5.2-тармақ», «5-бап», «2-тарау», Russian «Статья 5.»,
/// «Пункт 3.1», English «Article 5», «Section 2.1», and Roman «IV. …»; with or without a bullet
/// before them («● 1.1.», «- 3.1»).
/// </summary>
internal static partial class ClauseNumbering
{
    /// <summary>
    /// «1.», «1)», «1.2», «1.2.», «1.2)». Parts have at most three digits so that a date
    /// («15.01.2024 г.») or a year («2024 год») at the start of a line is not a clause.
    /// </summary>
    [GeneratedRegex(@"^(?<n>\d{1,3}(?:\.\d{1,3})*)(?<m>[.)])?(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Dotted();

    [GeneratedRegex(@"^(?<n>\d{1,3}(?:\.\d{1,3})*)\s?[-–]\s?(?:тармақ|тармақша|бап|бөлім|тарау|пункт|статья|раздел|глава)\w*\.?(?=\s|$|[.:])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Suffixed();

    [GeneratedRegex(@"^(?:статья|пункт|раздел|глава|article|section|clause|chapter|part|бап|бөлім|тарау|§)\s*(?<n>\d{1,3}(?:\.\d{1,3})*)\.?(?=\s|$|[.:)])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Named();

    [GeneratedRegex(@"^(?<n>[IVXL]{1,6})\.(?=\s)", RegexOptions.CultureInvariant)]
    private static partial Regex Roman();

    [GeneratedRegex(@"^(?<h>#{1,6}) ")]
    private static partial Regex Heading();

    /// <summary>
    /// A bullet, as some editions put before their numbers and as HtmlExtractor writes the items of
    /// an unordered list («- …»). A dash or an asterisk needs a space after it: «-5», «*1» are a
    /// sign and a footnote mark.
    /// </summary>
    [GeneratedRegex(@"^(?:[●•▪◦·]\s*|[-–—*]\s+)", RegexOptions.CultureInvariant)]
    private static partial Regex Bullet();

    public static ClauseStart Read(string line)
    {
        var level = 0;
        var text = line;
        if (Heading().Match(line) is { Success: true } h)
        {
            level = h.Groups["h"].Length;
            text = line[h.Length..];
        }
        if (Numbered(level, text, line) is { } start) return start;
        // A bullet does not hide the number after it, and is not part of the clause: an edition
        // that only adds or drops bullets has the same clauses. A bullet alone starts nothing.
        if (Bullet().Match(text) is { Success: true } b && Numbered(level, text[b.Length..], line.Remove(line.Length - text.Length, b.Length)) is { } bulleted)
            return bulleted;
        return new ClauseStart(level, null, ' ', text.Trim(), false, line);
    }

    /// <param name="text">The line after its heading marker.</param>
    /// <param name="line">The whole line, as the clause keeps it.</param>
    private static ClauseStart? Numbered(int level, string text, string line)
    {
        if (Suffixed().Match(text) is { Success: true } s) return Numbered(level, s, ' ', text, line, listable: false);
        if (Named().Match(text) is { Success: true } n) return Numbered(level, n, ' ', text, line, listable: false);
        if (Roman().Match(text) is { Success: true } r) return Numbered(level, r, ' ', text, line, listable: false);
        if (Dotted().Match(text) is { Success: true } d)
        {
            var number = d.Groups["n"].Value;
            var marker = d.Groups["m"].Success ? d.Groups["m"].Value[0] : ' ';
            var single = !number.Contains('.');
            // "2024 год": one level needs its dot or bracket to be a number.
            if (!single || marker != ' ') return Numbered(level, d, marker, text, line, listable: single);
        }
        return null;
    }

    private static ClauseStart Numbered(int level, Match m, char marker, string text, string line, bool listable) =>
        new(level, m.Groups["n"].Value, marker, text[m.Length..].Trim(), listable, line);
}
