using System.Text;
using AngleSharp.Html.Parser;
using PolicyArchiver.Archiving;
using PolicyArchiver.Extraction;

namespace PolicyArchiver.Exporting.Wacz;

/// <summary>
/// The title a page gave itself (its <c>&lt;title&gt;</c>), from the rendered DOM when there is one
/// (a script may set it), else from the HTML as served: what a replay tool lists the page by.
/// </summary>
internal static class PageTitle
{
    /// <summary>The head of a page is at its start; a long policy is not parsed whole for its title.</summary>
    private const int HeadChars = 256 * 1024;

    public static async Task<string?> OfAsync(Archive archive, Snapshot? snapshot, CancellationToken ct)
    {
        if (snapshot is null) return null;
        string? html = null;
        if (snapshot.DomSha256 is { } dom) html = Encoding.UTF8.GetString(await archive.Blobs.GetAsync(dom, ct));
        else if (snapshot.ContentType.Contains("html", StringComparison.OrdinalIgnoreCase))
            html = Charset.Decode(await archive.Blobs.GetAsync(snapshot.BodySha256, ct), snapshot.ContentType);
        if (html is null) return null;
        var title = new HtmlParser().ParseDocument(html.Length > HeadChars ? html[..HeadChars] : html).Title;
        var words = title?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words is { Length: > 0 } ? string.Join(' ', words) : null;
    }
}
