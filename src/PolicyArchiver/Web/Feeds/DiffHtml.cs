using System.Net;
using System.Text;
using PolicyArchiver.Changes;

namespace PolicyArchiver.Web.Feeds;

/// <summary>
/// A word diff as HTML for a feed entry: feed readers show HTML content but run no stylesheet of
/// ours, so removed and added words are marked with the elements that mean just that, del and ins.
/// </summary>
internal static class DiffHtml
{
    public static string Render(IReadOnlyList<ChangedLines> blocks)
    {
        var html = new StringBuilder();
        foreach (var block in blocks)
        {
            html.Append("<p><small>line ").Append(block.Line).Append("</small><br>\n");
            foreach (var piece in block.Pieces)
            {
                var text = Escape(piece.Text);
                html.Append(piece.Kind switch
                {
                    DiffPieceKind.Removed => "<del>" + text + "</del>",
                    DiffPieceKind.Added => "<ins>" + text + "</ins>",
                    _ => text,
                });
            }
            html.Append("</p>\n");
        }
        return html.ToString();
    }

    /// <summary>Escaped, with the text's line breaks kept visible.</summary>
    private static string Escape(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>\n", StringComparison.Ordinal);
}
