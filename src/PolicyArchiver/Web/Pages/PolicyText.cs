using System.Text;
using System.Text.RegularExpressions;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// A version's text as a reader sees a policy: its <c>#</c> lines as headings (below the page's own
/// title and sections), list items as lists, <c>[label](address)</c> as links, every other line a
/// paragraph. The stored text stays as it is; only its display is shaped.
/// </summary>
internal static partial class PolicyText
{
    [GeneratedRegex(@"\[([^\]\n]+)\]\(((?:https?://|mailto:|tel:)[^\s)]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"^(#{1,6}) (.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    public static string Render(string text, string language)
    {
        var html = new StringBuilder("<article class=\"policy\" lang=\"").Append(Html.E(language)).Append("\">\n");
        var inList = false;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var item = line.StartsWith("- ", StringComparison.Ordinal);
            if (item != inList) html.Append(item ? "<ul>\n" : "</ul>\n");
            inList = item;
            if (item) html.Append("<li>").Append(Inline(line[2..])).Append("</li>\n");
            else if (Heading().Match(line) is { Success: true } h)
            {
                // The page has its h1 and h2 sections: the policy's own headings start at h3.
                var level = Math.Min(6, h.Groups[1].Length + 2);
                html.Append("<h").Append(level).Append('>').Append(Inline(h.Groups[2].Value)).Append("</h").Append(level).Append(">\n");
            }
            else html.Append("<p>").Append(Inline(line)).Append("</p>\n");
        }
        if (inList) html.Append("</ul>\n");
        return html.Append("</article>\n").ToString();
    }

    /// <summary>A line's text escaped, its links made links (to the address the policy named; never followed by the archive).</summary>
    private static string Inline(string line)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match m in Link().Matches(line))
        {
            html.Append(Html.E(line[at..m.Index]));
            html.Append("<a rel=\"nofollow noopener noreferrer\" href=\"").Append(Html.E(m.Groups[2].Value)).Append("\">").Append(Html.E(m.Groups[1].Value)).Append("</a>");
            at = m.Index + m.Length;
        }
        return html.Append(Html.E(line[at..])).ToString();
    }
}
