using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Web.Localization;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web.Memento;

/// <summary>
/// What <c>/memento/timemap/</c> without a URL shows (the footer links there): how to address the
/// Memento endpoints, and the TimeMaps of the documents' URLs.
/// </summary>
internal static class MementoHelp
{
    public static async Task<IResult> PageAsync(ArchiveReader reader, CancellationToken ct)
    {
        var t = SiteText.Current;
        var body = new StringBuilder();
        body.Append("<h1>Memento</h1>\n<p>").Append(Html.E(t.MementoLede)).Append("</p>\n<ul>\n");
        body.Append("<li>").Append(Html.Fill(t.MementoTimeGate, "<code>/memento/timegate/{url}</code>", "<code>Accept-Datetime</code>")).Append("</li>\n");
        body.Append("<li>").Append(Html.Fill(t.MementoTimeMap, "<code>/memento/timemap/{url}</code>", "<code>application/link-format</code>")).Append("</li>\n");
        body.Append("<li>").Append(Html.Fill(t.MementoCapture, "<code>/memento/{yyyyMMddHHmmss}/{url}</code>")).Append("</li>\n</ul>\n<h2>").Append(Html.E(t.Documents)).Append("</h2>\n<ul>\n");
        foreach (var company in await reader.CompaniesAsync(ct))
            foreach (var document in company.Documents.Where(d => d.Url.Length > 0))
                body.Append("<li>").Append(Html.E(company.Name)).Append(" · ").Append(Html.E(document.Id)).Append(": <a href=\"")
                    .Append(Html.E(MementoAddresses.TimeMapPrefix + document.Url)).Append("\">").Append(Html.E(document.Url)).Append("</a></li>\n");
        body.Append("</ul>");
        return Layout.Page("Memento", body.ToString());
    }
}
