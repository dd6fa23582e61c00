using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// <c>/topics</c>: the topics changes are tagged with. It is also the scheme of the Atom feed's
/// categories, so a feed reader's link to it lands on the list.
/// </summary>
internal static class TopicsPage
{
    public static IResult Render()
    {
        var t = SiteText.Current;
        var html = new StringBuilder("<h1>").Append(Html.E(t.Topics)).Append("</h1>\n<p>").Append(Html.E(t.TopicsLede)).Append("</p>\n");
        if (SiteTopics.Problem is { } problem) html.Append("<p class=\"muted\">").Append(Html.E(problem)).Append("</p>\n");
        // The other two languages' labels beside the page's own: a reader searching a policy in another language needs its words.
        var others = SiteLanguage.Languages.Where(l => l.Code != t.Code).ToList();
        html.Append("<table><thead><tr><th>").Append(Html.E(t.Topic)).Append("</th><th>Id</th>").AppendJoin("", others.Select(l => $"<th lang=\"{l.Code}\">{l.Name}</th>"))
            .Append("<th>").Append(Html.E(t.WhatItCovers)).Append("</th></tr></thead><tbody>\n");
        foreach (var topic in SiteTopics.Lexicon.Topics)
            html.Append("<tr id=\"").Append(Html.E(topic.Id)).Append("\"><td><a href=\"/changes?topic=").Append(Html.U(topic.Id)).Append("\">").Append(Html.E(topic.Label(t.Code))).Append("</a></td>")
                .Append("<td><code>").Append(Html.E(topic.Id)).Append("</code></td>").AppendJoin("", others.Select(l => $"<td lang=\"{l.Code}\">{Html.E(topic.Label(l.Code))}</td>"))
                .Append("<td lang=\"en\">").Append(Html.E(topic.Description)).Append("</td></tr>\n");
        html.Append("</tbody></table>\n");
        return Layout.Page(t.Topics, html.ToString());
    }
}
