using System.Text;
using AngleSharp.Html.Parser;
using PolicyArchiver.Archiving;
using PolicyArchiver.Extraction;
using PolicyArchiver.Storage;

namespace PolicyArchiver.Insight.Coverage;

/// <summary>
/// Finds links to earlier versions of documents in the latest snapshots of a company's documents:
/// the page as the browser rendered it (the DOM) where there is one, else the HTML as served.
/// The link may sit in chrome that extraction leaves out of the text, so the snapshot is read,
/// not the version.
/// </summary>
internal static class PublicArchiveFinder
{
    public static async Task<IReadOnlyList<PublicArchiveLink>> FindAsync(Archive archive, IEnumerable<string> documents, CancellationToken ct)
    {
        var found = new List<PublicArchiveLink>();
        var seen = new HashSet<(string, string)>();
        foreach (var document in documents)
        {
            var latest = (await archive.Catalog.GetObservationsAsync(document, ct)).LastOrDefault(o => o.Outcome == Outcome.Ok && o.SnapshotSha256 is not null);
            if (latest is null || await archive.Catalog.GetSnapshotAsync(latest.Id, ct) is not { } snapshot) continue;
            var pages = new List<(string Url, string Body, string ContentType, string? Dom)> { (snapshot.FinalUrl, snapshot.BodySha256, snapshot.ContentType, snapshot.DomSha256) };
            pages.AddRange(snapshot.Parts.Select(p => (p.Url, p.BodySha256, p.ContentType, p.DomSha256)));
            foreach (var page in pages)
            {
                var html = await HtmlAsync(archive, page.Body, page.ContentType, page.Dom, ct);
                if (html is null) continue;
                foreach (var link in Links(html, page.Url))
                    if (seen.Add((link.Text, link.Url))) found.Add(link with { Document = document });
            }
        }
        return found;
    }

    /// <summary>The links of a page that lead to previous versions, with <c>Document</c> left empty.</summary>
    public static IEnumerable<PublicArchiveLink> Links(string html, string pageUrl)
    {
        var parsed = new HtmlParser().ParseDocument(html);
        Uri.TryCreate(pageUrl, UriKind.Absolute, out var baseUrl);
        foreach (var anchor in parsed.QuerySelectorAll("a[href]"))
        {
            var href = anchor.GetAttribute("href")!.Trim();
            if (href.Length == 0 || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) continue;
            var url = baseUrl is not null && Uri.TryCreate(baseUrl, href, out var absolute) ? absolute.AbsoluteUri : href;
            var text = Collapse(anchor.TextContent);
            if (text.Length == 0) text = Collapse(anchor.GetAttribute("title") ?? anchor.GetAttribute("aria-label") ?? "");
            if (PublicArchiveLexicon.Matches(text, url)) yield return new PublicArchiveLink("", text, url);
        }
    }

    private static async Task<string?> HtmlAsync(Archive archive, string bodySha, string contentType, string? domSha, CancellationToken ct)
    {
        if (domSha is not null) return Encoding.UTF8.GetString(await archive.Blobs.GetAsync(domSha, ct));
        if (!contentType.Contains("html", StringComparison.OrdinalIgnoreCase)) return null;
        return Charset.Decode(await archive.Blobs.GetAsync(bodySha, ct), contentType);
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
