using System.Text;
using Microsoft.AspNetCore.Http;

namespace PolicyArchiver.Web.Pages;

/// <summary><c>/changes</c>: the change registry across every company, newest first.</summary>
internal static class ChangesPage
{
    /// <summary>A page, not a dataset: the export and the API give everything.</summary>
    private const int Shown = 300;

    public static async Task<IResult> RenderAsync(ArchiveReader reader, CancellationToken ct)
    {
        var companies = await reader.CompaniesAsync(ct);
        var documents = companies.SelectMany(c => c.Documents).ToDictionary(d => d.Key);
        var changes = await reader.AllChangesAsync(documents.Keys, includeTechnical: false, ct);
        var names = companies.ToDictionary(c => c.Id, c => c.Name);
        var html = new StringBuilder("<h1>Changes</h1>\n<p>Every change of every document, newest first. <a href=\"/feed.atom\">Subscribe (Atom)</a>.</p>\n");
        if (changes.Count == 0) html.Append("<p class=\"muted\">No change recorded yet.</p>");
        else
        {
            html.Append("<table><thead><tr><th>Company</th><th>Document</th><th>When</th><th>Change</th><th>Lines</th><th>Words</th></tr></thead><tbody>\n");
            foreach (var c in changes.Take(Shown))
            {
                var d = documents[c.Change.Document];
                html.Append("<tr><td><a href=\"/companies/").Append(Html.U(d.CompanyId)).Append("\">").Append(Html.E(names.GetValueOrDefault(d.CompanyId, d.CompanyId))).Append("</a></td>");
                html.Append(Badges.ChangeRow(c, Badges.DocumentLabel(d))[4..]);
            }
            html.Append("</tbody></table>\n");
            if (changes.Count > Shown) html.Append("<p class=\"muted\">").Append(changes.Count - Shown).Append(" older changes: see <a href=\"/api/changes\">/api/changes</a>.</p>");
        }
        return Layout.Page("Changes", html.ToString());
    }
}
