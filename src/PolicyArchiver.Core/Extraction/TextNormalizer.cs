using System.Globalization;
using System.Text;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Makes extracted text stable: Unicode NFC, no soft hyphens or zero-width characters, every
/// kind of space collapsed to one, one block per line, no empty lines.
/// </summary>
public static class TextNormalizer
{
    public static string NormalizeLine(string line)
    {
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

    private static bool IsInvisible(char ch) => ch switch
    {
        '\u00AD' => true, // soft hyphen
        '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => true, // zero-width space, (non-)joiners, word joiner, BOM
        '\u200E' or '\u200F' => true, // direction marks
        _ => char.IsControl(ch) && ch != '\t' && ch != '\n' && ch != '\r',
    };
}
