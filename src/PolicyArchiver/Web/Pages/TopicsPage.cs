using System.Text;
using Microsoft.AspNetCore.Http;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/topics</c>: the topics changes are tagged with. It is also the scheme of the Atom feed's
/// categories, so a feed reader's link to it lands on the list.
/// </summary>
internal static class TopicsPage
{
    public static IResult Render()
    {
        var html = new StringBuilder("<h1>Topics</h1>\n<p>What the clauses of a change are about, found by keywords in Kazakh, Russian and English. Each topic links to the changes that touch it.</p>\n");
        if (SiteTopics.Problem is { } problem) html.Append("<p class=\"muted\">").Append(Html.E(problem)).Append("</p>\n");
        html.Append("<table><thead><tr><th>Topic</th><th>Id</th><th>Қазақша</th><th>Русский</th><th>What it covers</th></tr></thead><tbody>\n");
        foreach (var topic in SiteTopics.Lexicon.Topics)
            html.Append("<tr id=\"").Append(Html.E(topic.Id)).Append("\"><td><a href=\"/changes?topic=").Append(Html.U(topic.Id)).Append("\">").Append(Html.E(topic.Label("en"))).Append("</a></td>")
                .Append("<td><code>").Append(Html.E(topic.Id)).Append("</code></td><td>").Append(Html.E(topic.Label("kk"))).Append("</td><td>").Append(Html.E(topic.Label("ru"))).Append("</td>")
                .Append("<td>").Append(Html.E(topic.Description)).Append("</td></tr>\n");
        html.Append("</tbody></table>\n");
        return Layout.Page("Topics", html.ToString());
    }
}
