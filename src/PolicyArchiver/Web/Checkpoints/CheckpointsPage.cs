using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web.Checkpoints;

/// <summary><c>/checkpoints</c>: the key's fingerprint and every signed head, and how to keep them.</summary>
internal static class CheckpointsPage
{
    public static IResult Render(PublishedCheckpoints published)
    {
        var body = new StringBuilder();
        body.Append("<h1>Checkpoints</h1>\n");
        body.Append("<p>Each checkpoint is the archive's signature over the head of its ledger. Keep copies outside the archive — ")
            .Append("subscribe to <a href=\"/checkpoints.atom\">the Atom feed</a> or save <a href=\"/checkpoints.json\">checkpoints.json</a> — ")
            .Append("and check the archive against them later with <code>policyarchiver verify --trusted-checkpoint checkpoints.json</code>: ")
            .Append("a history rewritten or rolled back after you kept them no longer extends them.</p>\n");
        body.Append("<p>Signing key SHA-256 fingerprint: <code>").Append(Html.E(published.PublicKeySha256 ?? "(no key yet)"))
            .Append("</code> (<code>verify --expect-key</code>).</p>\n");
        body.Append("<table>\n<thead><tr><th>Ledger entry</th><th>Signed</th><th>Head</th></tr></thead>\n<tbody>\n");
        foreach (var c in published.Checkpoints.Reverse())
            body.Append("<tr><td>").Append(c.Seq).Append("</td><td>").Append(Html.E(c.At)).Append("</td><td><code>").Append(Html.E(c.Head)).Append("</code></td></tr>\n");
        body.Append("</tbody>\n</table>\n");
        return Layout.Page("Checkpoints", body.ToString());
    }
}
