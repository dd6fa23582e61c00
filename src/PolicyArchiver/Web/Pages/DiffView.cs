using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// A change as people read it: inline and side by side, changed words highlighted within changed
/// lines, long unchanged stretches folded away. Line and word diffs come from DiffPlex, as in the CLI.
/// </summary>
internal static class DiffView
{
    /// <summary>Unchanged lines kept around each change, as <c>diff -u</c> does.</summary>
    private const int Context = 3;

    public sealed record Rendered(string Inline, string SideBySide);

    public static Rendered Render(string oldText, string newText)
    {
        var model = SideBySideDiffBuilder.Diff(Differ.Instance, oldText, newText, false, false, LineChunker.Instance, WordChunker.Instance);
        var rows = model.OldText.Lines.Zip(model.NewText.Lines, (o, n) => (Old: o, New: n)).ToList();
        var shown = Shown(rows.Select(r => r.Old.Type != ChangeType.Unchanged || r.New.Type != ChangeType.Unchanged).ToList());

        var inline = new StringBuilder("<table class=\"diff inline\"><colgroup><col class=\"ln\"><col class=\"mark\"><col></colgroup><tbody>\n");
        var side = new StringBuilder("<table class=\"diff side\"><colgroup><col class=\"ln\"><col><col class=\"ln\"><col></colgroup><thead><tr><th colspan=\"2\">" + Html.E(SiteText.Current.BeforeColumn) + "</th><th colspan=\"2\">" + Html.E(SiteText.Current.AfterColumn) + "</th></tr></thead><tbody>\n");
        var folded = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (!shown[i])
            {
                folded++;
                continue;
            }
            if (folded > 0)
            {
                inline.Append("<tr class=\"fold\"><td colspan=\"3\">⋯ ").Append(Unchanged(folded)).Append("</td></tr>\n");
                side.Append("<tr class=\"fold\"><td colspan=\"4\">⋯ ").Append(Unchanged(folded)).Append("</td></tr>\n");
                folded = 0;
            }
            var (o, n) = rows[i];
            if (o.Type == ChangeType.Unchanged)
                inline.Append("<tr><td class=\"ln\">").Append(n.Position).Append("</td><td class=\"mark\"></td><td>").Append(Html.E(n.Text)).Append("</td></tr>\n");
            else
            {
                if (o.Type is ChangeType.Deleted or ChangeType.Modified)
                    inline.Append("<tr class=\"del\"><td class=\"ln\">").Append(o.Position).Append("</td><td class=\"mark\">−</td><td>").Append(Words(o, ChangeType.Deleted, "del")).Append("</td></tr>\n");
                if (n.Type is ChangeType.Inserted or ChangeType.Modified)
                    inline.Append("<tr class=\"ins\"><td class=\"ln\">").Append(n.Position).Append("</td><td class=\"mark\">+</td><td>").Append(Words(n, ChangeType.Inserted, "ins")).Append("</td></tr>\n");
            }
            side.Append("<tr>").Append(Cell(o, ChangeType.Deleted, "del")).Append(Cell(n, ChangeType.Inserted, "ins")).Append("</tr>\n");
        }
        if (folded > 0)
        {
            inline.Append("<tr class=\"fold\"><td colspan=\"3\">⋯ ").Append(Unchanged(folded)).Append("</td></tr>\n");
            side.Append("<tr class=\"fold\"><td colspan=\"4\">⋯ ").Append(Unchanged(folded)).Append("</td></tr>\n");
        }
        return new Rendered(inline.Append("</tbody></table>").ToString(), side.Append("</tbody></table>").ToString());
    }

    private static string Unchanged(int lines) => Html.E(SiteText.F(SiteText.Current.UnchangedLines, lines));

    /// <summary>Which rows to show: every changed row and <see cref="Context"/> rows either side.</summary>
    private static bool[] Shown(IReadOnlyList<bool> changed)
    {
        var shown = new bool[changed.Count];
        for (var i = 0; i < changed.Count; i++)
            if (changed[i])
                for (var j = Math.Max(0, i - Context); j <= Math.Min(changed.Count - 1, i + Context); j++) shown[j] = true;
        return shown;
    }

    private static string Cell(DiffPiece piece, ChangeType kind, string tag) => piece.Type switch
    {
        ChangeType.Imaginary => "<td class=\"ln\"></td><td class=\"empty\"></td>",
        ChangeType.Unchanged => $"<td class=\"ln\">{piece.Position}</td><td>{Html.E(piece.Text)}</td>",
        _ => $"<td class=\"ln\">{piece.Position}</td><td class=\"{tag}\">{Words(piece, kind, tag)}</td>",
    };

    /// <summary>A changed line with its changed words wrapped in <c>&lt;del&gt;</c> or <c>&lt;ins&gt;</c>; a wholly new or removed line is marked as a whole.</summary>
    private static string Words(DiffPiece piece, ChangeType kind, string tag)
    {
        if (piece.Type != ChangeType.Modified || piece.SubPieces.Count == 0) return $"<{tag}>{Html.E(piece.Text)}</{tag}>";
        var html = new StringBuilder();
        foreach (var word in piece.SubPieces)
        {
            if (word.Type == ChangeType.Imaginary) continue;
            if (word.Type == kind) html.Append('<').Append(tag).Append('>').Append(Html.E(word.Text)).Append("</").Append(tag).Append('>');
            else html.Append(Html.E(word.Text));
        }
        return html.ToString();
    }
}
