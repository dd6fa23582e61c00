using System.Text;
using Microsoft.AspNetCore.Http;

namespace PolicyArchiver.Web.Pages;

/// <summary><c>/</c>: companies by sector, with their latest change and how reachable their documents are.</summary>
internal static class HomePage
{
    public static async Task<IResult> RenderAsync(ArchiveReader reader, CancellationToken ct)
    {
        var companies = await reader.CompaniesAsync(ct);
        var html = new StringBuilder();
        html.Append("<h1>Companies</h1>\n<p class=\"lede\">Terms of service, privacy policies and user agreements, archived as evidence with every change recorded. ");
        html.Append("Follow all changes with the <a href=\"/feed.atom\">Atom feed</a>, or download a <a href=\"/export\">dataset</a>.</p>\n");
        // Each document's last attempt and latest change, from one read each rather than queries per document.
        var lastAttempts = await reader.Catalog.GetLastAttemptsAsync(ct);
        var latestChanges = (await reader.AllChangesAsync(companies.SelectMany(c => c.Documents.Select(d => d.Key)), includeTechnical: false, ct))
            .GroupBy(c => c.Change.Document, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var sector in companies.GroupBy(c => c.Sector))
        {
            html.Append("<section>\n<h2>").Append(Html.E(sector.Key.Length == 0 ? "no longer tracked" : sector.Key)).Append("</h2>\n");
            html.Append("<table class=\"companies\"><thead><tr><th>Company</th><th>Documents</th><th>Reachable now</th><th>Latest change</th></tr></thead><tbody>\n");
            foreach (var company in sector)
            {
                int reachable = 0, attempted = 0, blocked = 0;
                NumberedChange? latest = null;
                foreach (var d in company.Documents)
                {
                    if (lastAttempts.GetValueOrDefault(d.Key) is { } last)
                    {
                        attempted++;
                        if (last.Outcome == Storage.Outcome.Ok) reachable++;
                        if (last.Outcome == Storage.Outcome.Blocked) blocked++; // as Availability.Blocked reads it
                    }
                    if (latestChanges.GetValueOrDefault(d.Key) is { } change && (latest is null || change.Change.At > latest.Change.At)) latest = change;
                }
                var state = attempted == 0 ? "none" : reachable == attempted ? "ok" : reachable == 0 ? "down" : "partial";
                html.Append("<tr><td><a href=\"/companies/").Append(Html.U(company.Id)).Append("\">").Append(Html.E(company.Name)).Append("</a></td>");
                html.Append("<td>").Append(company.Documents.Count).Append("</td>");
                html.Append("<td><span class=\"badge ").Append(state).Append("\">").Append(attempted == 0 ? "not captured yet" : $"{reachable} of {attempted}").Append("</span>");
                // Blocked documents are not reachable: what stands in their way is said beside the count.
                if (blocked > 0) html.Append(" <span class=\"badge blocked\">").Append(blocked).Append(" blocked</span>");
                html.Append("</td>");
                html.Append("<td>");
                if (latest is null) html.Append("<span class=\"muted\">none recorded</span>");
                else
                {
                    var doc = company.Documents.First(d => d.Key == latest.Change.Document);
                    html.Append(Html.TimeTag(latest.Change.At)).Append(" <a href=\"").Append(Html.ChangePath(doc.Key, latest.Number)).Append("\">")
                        .Append(Html.E(Badges.DocumentLabel(doc))).Append("</a>");
                }
                html.Append("</td></tr>\n");
            }
            html.Append("</tbody></table>\n</section>\n");
        }
        if (companies.Count == 0) html.Append("<p>No companies yet: list them in targets.json.</p>");
        return Layout.Page("Companies", html.ToString());
    }
}
