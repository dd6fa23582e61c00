using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Web.Localization;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web.Checkpoints;

/// <summary><c>/checkpoints</c>: the key's fingerprint and every signed head, and how to keep them.</summary>
internal static class CheckpointsPage
{
    public static IResult Render(PublishedCheckpoints published)
    {
        var t = SiteText.Current;
        var body = new StringBuilder();
        body.Append("<h1>").Append(Html.E(t.Checkpoints)).Append("</h1>\n");
        body.Append("<p>").Append(Html.Fill(t.CheckpointsLede, $"<a href=\"/checkpoints.atom\">{Html.E(t.AtomFeed)}</a>", "<a href=\"/checkpoints.json\">checkpoints.json</a>",
            "<code>policyarchiver verify --trusted-checkpoint checkpoints.json</code>")).Append("</p>\n");
        body.Append("<p>").Append(Html.E(t.KeyFingerprint)).Append(" <code>").Append(Html.E(published.PublicKeySha256 ?? t.NoKeyYet))
            .Append("</code> (<code>verify --expect-key</code>).</p>\n");
        body.Append("<table>\n<thead><tr><th>").Append(Html.E(t.LedgerEntry)).Append("</th><th>").Append(Html.E(t.Signed)).Append("</th><th>").Append(Html.E(t.Head)).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var c in published.Checkpoints.Reverse())
            body.Append("<tr><td>").Append(c.Seq).Append("</td><td>").Append(Html.E(c.At)).Append("</td><td><code>").Append(Html.E(c.Head)).Append("</code></td></tr>\n");
        body.Append("</tbody>\n</table>\n");
        return Layout.Page(t.Checkpoints, body.ToString());
    }
}
