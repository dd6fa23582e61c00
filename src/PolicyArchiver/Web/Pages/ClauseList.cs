using System.Text;
using PolicyArchiver.Changes;
using PolicyArchiver.Insight;
using PolicyArchiver.Insight.Clauses;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// A change's clause changes as a table: kind, clause, topics (human labels) and the clause's words
/// with removals and additions marked. In a <c>table.diff</c>, so it is styled like the diffs below it.
/// </summary>
internal static class ClauseList
{
    public static string Render(ChangeInsight insight, string language)
    {
        var t = SiteText.Current;
        var html = new StringBuilder();
        if (SiteTopics.Problem is { } problem)
            html.Append("<p class=\"lede\">").Append(Html.E(t.TopicsUnusable)).Append(' ').Append(Html.E(problem)).Append("</p>\n");
        if (insight.Clauses.Count == 0) return html.Append("<p class=\"lede\">").Append(Html.E(t.NoClauseChanged)).Append("</p>\n").ToString();
        html.Append("<table class=\"diff clauses\"><thead><tr>").Append(string.Concat(new[] { t.ClauseChange, t.Clause, t.TopicsLower, t.TextLower }.Select(h => $"<th>{Html.E(h)}</th>")))
            .Append("</tr></thead><tbody>\n");
        foreach (var c in insight.Clauses)
        {
            var kind = c.Kind.ToString().ToLowerInvariant();
            html.Append("<tr class=\"clause ").Append(kind).Append("\" data-clause=\"").Append(Html.E(c.Id)).Append("\">");
            html.Append("<td><span class=\"badge\">").Append(Html.E(KindName(c.Kind))).Append("</span></td>");
            html.Append("<td class=\"clause-id\">");
            if (c.From is { } from) html.Append(Html.E(from)).Append(" → ");
            html.Append(Html.E(c.Id));
            if (c.Heading is { } heading) html.Append("<br><small>").Append(Html.E(heading)).Append("</small>");
            html.Append("</td><td class=\"topics\">");
            foreach (var topic in c.Topics)
                html.Append("<span class=\"badge topic\" data-topic=\"").Append(Html.E(topic)).Append("\">").Append(Html.E(SiteText.Current.TopicLabel(topic))).Append("</span> ");
            html.Append("</td><td lang=\"").Append(Html.E(language)).Append("\">").Append(Words(c)).Append("</td></tr>\n");
        }
        return html.Append("</tbody></table>\n").ToString();
    }

    private static string KindName(ClauseChangeKind kind) => kind switch
    {
        ClauseChangeKind.Added => SiteText.Current.ClauseAdded,
        ClauseChangeKind.Removed => SiteText.Current.ClauseRemoved,
        ClauseChangeKind.Modified => SiteText.Current.ClauseModified,
        ClauseChangeKind.Moved => SiteText.Current.ClauseMoved,
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Words(ClauseChange c) => c.Kind switch
    {
        ClauseChangeKind.Added => "<ins>" + Lines(c.After!.Text) + "</ins>",
        ClauseChangeKind.Removed => "<del>" + Lines(c.Before!.Text) + "</del>",
        _ when c.Diff.Count == 0 => Lines(c.After!.Text),
        _ => string.Concat(c.Diff.Select(p => p.Kind switch
        {
            DiffPieceKind.Removed => "<del>" + Lines(p.Text) + "</del>",
            DiffPieceKind.Added => "<ins>" + Lines(p.Text) + "</ins>",
            _ => Lines(p.Text),
        })),
    };

    private static string Lines(string text) => Html.E(text).Replace("\n", "<br>", StringComparison.Ordinal);
}
