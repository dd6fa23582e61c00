using System.Text;
using Microsoft.AspNetCore.Http;
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
        var body = new StringBuilder();
        body.Append("<h1>Memento</h1>\n<p>Every capture is a memento (RFC 7089) of the URL it was made from. Append an original URL as it is:</p>\n<ul>\n");
        body.Append("<li><code>/memento/timegate/{url}</code> redirects to the capture nearest to the request's <code>Accept-Datetime</code> (the latest without one)</li>\n");
        body.Append("<li><code>/memento/timemap/{url}</code> lists every capture in <code>application/link-format</code></li>\n");
        body.Append("<li><code>/memento/{yyyyMMddHHmmss}/{url}</code> is the capture as it was served</li>\n</ul>\n<h2>Documents</h2>\n<ul>\n");
        foreach (var company in await reader.CompaniesAsync(ct))
            foreach (var document in company.Documents.Where(d => d.Url.Length > 0))
                body.Append("<li>").Append(Html.E(company.Name)).Append(" · ").Append(Html.E(document.Id)).Append(": <a href=\"")
                    .Append(Html.E(MementoAddresses.TimeMapPrefix + document.Url)).Append("\">").Append(Html.E(document.Url)).Append("</a></li>\n");
        body.Append("</ul>");
        return Layout.Page("Memento", body.ToString());
    }
}
