using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PolicyArchiver.Extraction;

/// <summary>
/// The numbers Word shows in front of list paragraphs ("1.", "2.1.", "а)"), counted in document
/// order the way Word does, so a numbered clause reads the same as in the HTML version of a policy.
/// Bullets become "- ".
/// </summary>
internal sealed class DocxNumbering(Numbering? numbering, Styles? styles)
{
    private readonly Dictionary<int, int[]> _counters = [];

    public string Marker(Paragraph p)
    {
        var props = p.ParagraphProperties?.NumberingProperties
            ?? StyleChain(p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, styles).Select(s => s.StyleParagraphProperties?.NumberingProperties).FirstOrDefault(n => n is not null);
        var numId = props?.NumberingId?.Val?.Value;
        if (numId is null or 0) return "";
        var ilvl = Math.Clamp(props!.NumberingLevelReference?.Val?.Value ?? 0, 0, 8);
        var instance = numbering?.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
        var abstractId = instance?.AbstractNumId?.Val?.Value;
        var definition = numbering?.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId);
        if (instance is null || definition is null) return "- "; // a list whose numbering is missing: still a list item
        var levels = Enumerable.Range(0, 9).Select(i => LevelOf(instance, definition, i)).ToArray();
        var level = levels[ilvl];
        if (level?.NumberingFormat?.Val?.Value == NumberFormatValues.Bullet) return "- ";

        if (!_counters.TryGetValue(numId.Value, out var counters))
        {
            counters = levels.Select(l => Start(instance, l) - 1).ToArray();
            _counters[numId.Value] = counters;
        }
        counters[ilvl]++;
        for (var deeper = ilvl + 1; deeper < counters.Length; deeper++) counters[deeper] = Start(instance, levels[deeper]) - 1;

        var template = level?.LevelText?.Val?.Value;
        if (level?.NumberingFormat?.Val?.Value == NumberFormatValues.None || string.IsNullOrEmpty(template)) return "";
        var legal = level?.IsLegalNumberingStyle is not null;
        var text = new StringBuilder(template);
        for (var i = 0; i <= ilvl; i++)
            text.Replace("%" + (i + 1), Format(Math.Max(counters[i], Start(instance, levels[i])), legal ? NumberFormatValues.Decimal : levels[i]?.NumberingFormat?.Val?.Value));
        return text.ToString().Trim() + " ";
    }

    /// <summary>The style and the styles it is based on, nearest first.</summary>
    internal static IEnumerable<Style> StyleChain(string? styleId, Styles? styles)
    {
        var seen = new HashSet<string>();
        while (styleId is not null && styles is not null && seen.Add(styleId))
        {
            var style = styles.Elements<Style>().FirstOrDefault(s => s.StyleId?.Value == styleId);
            if (style is null) yield break;
            yield return style;
            styleId = style.BasedOn?.Val?.Value;
        }
    }

    private static Level? LevelOf(NumberingInstance instance, AbstractNum definition, int ilvl)
    {
        var over = instance.Elements<LevelOverride>().FirstOrDefault(o => o.LevelIndex?.Value == ilvl);
        return over?.Level ?? definition.Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == ilvl);
    }

    private static int Start(NumberingInstance instance, Level? level)
    {
        var over = instance.Elements<LevelOverride>().FirstOrDefault(o => o.LevelIndex?.Value == level?.LevelIndex?.Value);
        return over?.StartOverrideNumberingValue?.Val?.Value ?? level?.StartNumberingValue?.Val?.Value ?? 1;
    }

    private static string Format(int n, NumberFormatValues? format)
    {
        if (format == NumberFormatValues.LowerLetter) return Letters(n, "abcdefghijklmnopqrstuvwxyz");
        if (format == NumberFormatValues.UpperLetter) return Letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        if (format == NumberFormatValues.RussianLower) return Letters(n, "абвгдежзиклмнопрстуфхцчшщэюя");
        if (format == NumberFormatValues.RussianUpper) return Letters(n, "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ");
        if (format == NumberFormatValues.LowerRoman) return Roman(n).ToLowerInvariant();
        if (format == NumberFormatValues.UpperRoman) return Roman(n);
        if (format == NumberFormatValues.DecimalZero) return n.ToString("00", CultureInfo.InvariantCulture);
        return n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>a, b, … z, aa, bb, … as Word counts letters.</summary>
    private static string Letters(int n, string alphabet) =>
        n < 1 ? "" : new string(alphabet[(n - 1) % alphabet.Length], (n - 1) / alphabet.Length + 1);

    private static string Roman(int n)
    {
        var sb = new StringBuilder();
        foreach (var (value, numeral) in new[] { (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I") })
            while (n >= value)
            {
                sb.Append(numeral);
                n -= value;
            }
        return sb.ToString();
    }
}
