using System.Globalization;
using System.Text;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Makes extracted text stable: Unicode NFC, no soft hyphens or zero-width characters, every
/// kind of space collapsed to one, one block per line, no empty lines.
/// </summary>
internal static class TextNormalizer
{
    public static string NormalizeLine(string line)
    {
        // Most lines are normal already (extraction normalises each block, and joins them again): kept as they are.
        if (IsNormal(line)) return line;
        var sb = new StringBuilder(line.Length);
        var pendingSpace = false;
        foreach (var ch in line.Normalize(NormalizationForm.FormC))
        {
            if (IsInvisible(ch)) continue;
            if (char.IsWhiteSpace(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.SpaceSeparator)
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Normalises each line and joins the non-empty ones, ending with a newline.</summary>
    public static string Join(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var raw in lines)
        {
            foreach (var part in raw.Split('\n'))
            {
                var line = NormalizeLine(part);
                if (line.Length > 0) sb.Append(line).Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>Joins lines that are normal already (<see cref="NormalizeLine"/>), leaving out empty ones, ending with a newline.</summary>
    public static string JoinNormal(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
            if (line.Length > 0) sb.Append(line).Append('\n');
        return sb.ToString();
    }

    /// <summary>Whether the line is its own normal form: NFC, single spaces inside, nothing invisible.</summary>
    private static bool IsNormal(string line)
    {
        if (line.Length > 0 && (line[0] == ' ' || line[^1] == ' ')) return false;
        var ascii = true;
        var space = false;
        foreach (var ch in line)
        {
            if (ch == ' ')
            {
                if (space) return false;
                space = true;
                continue;
            }
            space = false;
            if (ch is >= '!' and <= '~') continue;
            if (ch < '\u0080' || IsInvisible(ch) || char.IsWhiteSpace(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.SpaceSeparator) return false;
            ascii = false;
        }
        return ascii || line.IsNormalized(NormalizationForm.FormC);
    }

    private static bool IsInvisible(char ch) => ch switch
    {
        '\u00AD' => true, // soft hyphen
        '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => true, // zero-width space, (non-)joiners, word joiner, BOM
        '\u200E' or '\u200F' => true, // direction marks
        _ => char.IsControl(ch) && ch != '\t' && ch != '\n' && ch != '\r',
    };
}
