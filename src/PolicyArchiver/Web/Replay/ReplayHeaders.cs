using Microsoft.AspNetCore.Http;
using PolicyArchiver.Replay;
using PolicyArchiver.Web.Memento;

namespace PolicyArchiver.Web.Replay;

/// <summary>
/// The header fields of a replayed response: the archived ones that describe the content, the
/// others kept for the reader as <c>X-Archive-Orig-*</c> (as pywb keeps them) so they take no effect
/// here (no archived cookie is set, no archived policy or HSTS applies to this site), and our own
/// sandbox around the page.
/// </summary>
internal static class ReplayHeaders
{
    /// <summary>Archived fields that describe the content itself and are sent as they were.</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Language", "Content-Disposition", "Last-Modified",
    };

    /// <summary>Fields of the transfer, not of the stored body (which is decoded and whole): not sent at all.</summary>
    private static readonly HashSet<string> Transfer = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Encoding", "Transfer-Encoding", "Content-Length", "Connection", "Keep-Alive",
    };

    /// <summary>
    /// The replayed page's policy. <c>sandbox</c> without <c>allow-same-origin</c> puts its scripts in
    /// an opaque origin, away from the archive's cookies, storage and pages; every load is allowed only
    /// from this server's <c>/replay/</c> (an explicit origin and path: under sandbox, <c>'self'</c> would
    /// not name this server), so nothing comes from the live web nor from the archive's own routes.
    /// </summary>
    public static string Policy(string serverOrigin) =>
        $"sandbox allow-scripts allow-forms allow-popups allow-modals; default-src 'unsafe-inline' 'unsafe-eval' data: blob: {serverOrigin}{ReplayUrls.Prefix}";

    /// <summary>The origin replayed pages load from: the configured public URL, else the address the browser used.</summary>
    public static string ServerOrigin(HttpContext http) =>
        PublicAddress.Configured(http) is { } site
            ? site.GetLeftPart(UriPartial.Authority)
            : $"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}";

    /// <summary>Our fields and the archived ones, onto the response.</summary>
    public static void Apply(HttpContext http, ArchivedResponse archived, Uri original)
    {
        var headers = http.Response.Headers;
        foreach (var (name, value) in archived.Headers)
        {
            if (Transfer.Contains(name) || !IsSendable(name, value)) continue;
            var sent = Kept.Contains(name) || name.StartsWith("X-Archive-Orig-", StringComparison.OrdinalIgnoreCase) ? name : "X-Archive-Orig-" + name;
            headers.Append(sent, value);
        }
        headers.ContentSecurityPolicy = Policy(ServerOrigin(http));
        // Opaque-origin pages fetch their fonts and data from /replay/ cross-origin.
        headers.AccessControlAllowOrigin = "*";
        headers.XContentTypeOptions = "nosniff";
        headers["Memento-Datetime"] = MementoDatetime.Rfc1123(archived.Record.Date);
        headers.Link = LinkHeader.Link(original, "original");
        headers.Append("Vary", "Sec-Fetch-Dest");
    }

    /// <summary>A field Kestrel can send: a token name, and a value without control characters or non-ASCII bytes.</summary>
    private static bool IsSendable(string name, string value) =>
        name.Length > 0 && name.All(c => c > ' ' && c < 127 && c != ':') && value.All(c => c >= ' ' && c < 127 || c == '\t');
}
