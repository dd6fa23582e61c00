using System.Globalization;
using System.Text;

namespace PolicyArchiver.Insight.Topics;

/// <summary>
/// How texts and keywords are cut into words for matching: letters and digits only, lowercase,
/// NFC, «ё» read as «е» (policies write «передаёт» and «передает» alike). Hyphens and
/// punctuation separate words, so «IP-адрес» is "ip" "адрес" and so is the keyword «ip адрес».
/// </summary>
internal static class TopicText
{
    public static IEnumerable<string> Tokens(string text)
    {
        var sb = new StringBuilder();
        foreach (var raw in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(raw) || CharUnicodeInfo.GetUnicodeCategory(raw) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                var c = char.ToLowerInvariant(raw);
                sb.Append(c == 'ё' ? 'е' : c);
                continue;
            }
            if (sb.Length == 0) continue;
            yield return sb.ToString();
            sb.Clear();
        }
        if (sb.Length > 0) yield return sb.ToString();
    }
}
