using System.Text.RegularExpressions;

namespace PolicyArchiver.Insight.Clauses;

/// <summary>
/// Recognises how the policies of Kazakh companies number their clauses: «5.2. …», «3.1) …»,
/// «1.2.3 …», «1. …», «1) …», Kazakh «5.2-тармақ», «5-бап», «2-тарау», Russian «Статья 5.»,
/// «Пункт 3.1», English «Article 5», «Section 2.1», and Roman «IV. …».
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

    public static ClauseStart Read(string line)
    {
        var level = 0;
        var text = line;
        if (Heading().Match(line) is { Success: true } h)
        {
            level = h.Groups["h"].Length;
            text = line[h.Length..];
        }
        if (Suffixed().Match(text) is { Success: true } s) return Numbered(level, s, ' ', text, listable: false);
        if (Named().Match(text) is { Success: true } n) return Numbered(level, n, ' ', text, listable: false);
        if (Roman().Match(text) is { Success: true } r) return Numbered(level, r, ' ', text, listable: false);
        if (Dotted().Match(text) is { Success: true } d)
        {
            var number = d.Groups["n"].Value;
            var marker = d.Groups["m"].Success ? d.Groups["m"].Value[0] : ' ';
            var single = !number.Contains('.');
            // "2024 год": one level needs its dot or bracket to be a number.
            if (!single || marker != ' ') return Numbered(level, d, marker, text, listable: single);
        }
        return new ClauseStart(level, null, ' ', text.Trim(), false);
    }

    private static ClauseStart Numbered(int level, Match m, char marker, string text, bool listable) =>
        new(level, m.Groups["n"].Value, marker, text[m.Length..].Trim(), listable);
}
