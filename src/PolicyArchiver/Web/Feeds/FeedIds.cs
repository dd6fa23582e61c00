using System.Globalization;

namespace PolicyArchiver.Web.Feeds;

/// <summary>
/// The ids of feeds and their entries: tag URIs (RFC 4151) whose authority is the host of the
/// site's public address (<see cref="PublicAddress"/>), so two archives never publish the same id.
/// They depend only on that configured address and on the change itself, never on the request,
/// so they are the same on every request and after every restart.
/// </summary>
internal static class FeedIds
{
    /// <summary>The date in the feeds' own ids: fixed, so a feed's id never changes.</summary>
    private const string FeedDate = "2026";

    /// <summary>An entry: dated by the change, named by its path, <c>tag:archive.example.org,2026-05-03:kaspi/privacy-policy-ru/changes/1</c>.</summary>
    public static string Entry(Uri site, string company, string document, NumberedChange change) =>
        string.Create(CultureInfo.InvariantCulture,
            $"tag:{Authority(site)},{change.Change.At.UtcDateTime:yyyy-MM-dd}:{Uri.EscapeDataString(company)}/{Uri.EscapeDataString(document)}/changes/{change.Number}");

    /// <summary>A feed, <c>tag:archive.example.org,2026:changes</c>.</summary>
    public static string Feed(Uri site, string name) => $"tag:{Authority(site)},{FeedDate}:{name}";

    /// <summary>The host alone, lower case and in ASCII: a tag URI's authority is a domain name, with no port.</summary>
    private static string Authority(Uri site) => site.IdnHost.ToLowerInvariant();
}
