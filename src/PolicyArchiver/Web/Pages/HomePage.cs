using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary><c>/</c>: companies by sector, with their latest change and how reachable their documents are.</summary>
internal static class HomePage
{
    public static async Task<IResult> RenderAsync(ArchiveReader reader, CancellationToken ct)
    {
        var t = SiteText.Current;
        var companies = await reader.CompaniesAsync(ct);
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.E(t.Companies)).Append("</h1>\n<p class=\"lede\">").Append(Html.E(t.HomeLede)).Append(' ');
        html.Append(Html.Fill(t.HomeFollow, $"<a href=\"/feed.atom\">{Html.E(t.AtomFeed)}</a>", $"<a href=\"/export\">{Html.E(t.Dataset)}</a>")).Append("</p>\n");
        html.Append("<form class=\"home-search\" method=\"get\" action=\"/search\" role=\"search\"><label>").Append(Html.E(t.SearchEveryVersion)).Append(" <input type=\"search\" name=\"q\" placeholder=\"биометрические, дербес деректер, third parties\" required></label> <button type=\"submit\">").Append(Html.E(t.Search)).Append("</button></form>\n");
        // Each document's last attempt and latest change, from one read each rather than queries per document,
        // and kept until the ledger moves (at 10,000 documents reading every change took most of the page's time).
        var (lastAttempts, latestChanges) = await reader.UntilLedgerMovesAsync("home", async c =>
        {
            var attempts = await reader.Catalog.GetLastAttemptsAsync(c);
            var latest = (await reader.AllChangesAsync(companies.SelectMany(company => company.Documents.Select(d => d.Key)), includeTechnical: false, c))
                .GroupBy(change => change.Change.Document, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            return new Summary(attempts, latest);
        }, ct);
        foreach (var sector in companies.GroupBy(c => c.Sector))
        {
            html.Append("<section>\n<h2>").Append(Html.E(sector.Key.Length == 0 ? t.NoLongerTracked : sector.Key)).Append("</h2>\n");
            html.Append("<table class=\"companies\"><thead><tr>").Append(string.Concat(new[] { t.Company, t.Documents, t.ReachableNow, t.LatestChange }.Select(h => $"<th>{Html.E(h)}</th>"))).Append("</tr></thead><tbody>\n");
            foreach (var company in sector)
            {
                int reachable = 0, attempted = 0, blocked = 0;
                NumberedChange? latest = null;
                foreach (var d in company.Documents)
                {
                    if (lastAttempts.GetValueOrDefault(d.Key) is { } last)
                    {
                        attempted++;
                        if (last.Outcome == Model.Outcome.Ok) reachable++;
                        if (last.Outcome == Model.Outcome.Blocked) blocked++; // as Availability.Blocked reads it
                    }
                    if (latestChanges.GetValueOrDefault(d.Key) is { } change && (latest is null || change.Change.At > latest.Change.At)) latest = change;
                }
                var state = attempted == 0 ? "none" : reachable == attempted ? "ok" : reachable == 0 ? "down" : "partial";
                html.Append("<tr><td><a href=\"/companies/").Append(Html.U(company.Id)).Append("\">").Append(Html.E(company.Name)).Append("</a></td>");
                html.Append("<td>").Append(company.Documents.Count).Append("</td>");
                html.Append("<td><span class=\"badge ").Append(state).Append("\">").Append(Html.E(attempted == 0 ? t.NotCapturedYet : SiteText.F(t.OfCount, reachable, attempted))).Append("</span>");
                // Blocked documents are not reachable: what stands in their way is said beside the count.
                if (blocked > 0) html.Append(" <span class=\"badge blocked\">").Append(Html.E(SiteText.F(t.BlockedCount, blocked))).Append("</span>");
                html.Append("</td>");
                html.Append("<td>");
                if (latest is null) html.Append("<span class=\"muted\">").Append(Html.E(t.NoneRecorded)).Append("</span>");
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
        if (companies.Count == 0) html.Append("<p>").Append(Html.E(t.NoCompaniesYet)).Append("</p>");
        return Layout.Page(t.Companies, html.ToString());
    }

    private sealed record Summary(IReadOnlyDictionary<string, Model.Observation> LastAttempts, Dictionary<string, NumberedChange> LatestChanges);
}
